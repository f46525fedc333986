# Uploads (crates/gui/src/app_uploads.rs, uploads/) and the folder table (browser/table.rs).

uploads-nothing-skipped = Nothing to upload. { $skipped }
uploads-nothing-readable = Nothing to upload: what was dropped holds no readable files.
uploads-no-desktop-chooser = This desktop has no file chooser, so s3share shows its own. You can also drop files on this window.
uploads-no-link = Uploaded, but no link was made: { $reason }
uploads-one-link-copied = Uploaded — { $copied }.{ $warning }
uploads-links-copied = { $count ->
    [one] { $count } link copied.{ $warning }
   *[other] { $count } links copied.{ $warning }
}
uploads-open-bucket-then-drop = Open a bucket first, then drop the files where they should go.
uploads-busy = Busy — try the upload again in a moment.
uploads-busy-choose = Busy — try Upload files… again in a moment.
uploads-target-bucket = bucket "{ $bucket }"
uploads-target-none = — open a bucket first
uploads-close-title = Uploads are still running
uploads-close-body = Closing now stops them; files not finished will not be in the bucket.
uploads-close-keep = Keep uploading
uploads-close-stop = Stop uploads and close
uploads-menu = ⬆ Upload
uploads-choosing = Choosing files…
uploads-choose = Upload files…
uploads-choose-hint = Or drop files and folders on the window
uploads-drop-hint = …or drop files on this window
uploads-request-file = Request a file…
uploads-request-file-hint = Make a link someone else can use to send you a file
uploads-request-files = Request files…
uploads-request-files-hint = Make a page through which anyone can send you files
uploads-copy-after = After upload, copy the link
uploads-open-bucket-first = Open a bucket first
uploads-skipped-one = "{ $name }" ({ $reason })
uploads-skipped-more = and { $count } more
uploads-skipped = { $count ->
    [one] Skipped { $count } item: { $items }.
   *[other] Skipped { $count } items: { $items }.
}
uploads-skip-symlink = a symbolic link (links are not followed)
uploads-skip-not-file = not a regular file
uploads-skip-unreadable = could not be read: { $reason }
uploads-skip-name-not-text = its name is not valid text; rename it and upload it again

uploads-summary = Uploads: { $done } of { $total }
uploads-summary-speed = { " " }· { $speed }/s · { $left } left
uploads-summary-failed = { " " }· { $count } failed
uploads-hide = Hide
uploads-show = Show
uploads-copy-links = { $count ->
    [one] Copy links to the { $count } uploaded file
   *[other] Copy links to the { $count } uploaded files
}
uploads-clear = Clear finished
uploads-clash-title = A file with this name already exists
uploads-clash-body = "{ $name }" is already in { $folder }. What should happen?
uploads-replace = Replace
uploads-keep-both = Keep both
uploads-keep-both-hint = The new file gets " (1)" added to its name
uploads-skip = Skip
uploads-apply-all = Do this for every file of this upload
uploads-waiting = waiting
uploads-speed-left = { $speed }/s · { $left } left
uploads-skipped-there = skipped (already there)
uploads-cancelled = cancelled
uploads-failed = failed
uploads-cancel = Cancel
uploads-retry = Retry
uploads-top-of-bucket = the top of bucket "{ $bucket }"
uploads-drop-to = Drop to upload to { $target }

uploads-chooser-title = Upload files
uploads-chooser-open = Upload
uploads-chooser-file-name = File name:
uploads-chooser-hidden = Show hidden files
uploads-chooser-refresh = Read this folder again
uploads-chooser-up = Up one folder
uploads-chooser-cancel = Cancel

uploads-request-title = Request a file
uploads-request-intro = Make a link someone else can use to send you one file into { $folder }.
uploads-request-name = File name
uploads-request-works-for = Link works for
uploads-request-hour = 1 hour
uploads-request-day = 1 day
uploads-request-week = 7 days
uploads-request-make = Make upload link
uploads-request-no-slash = A file name cannot contain /.
uploads-request-taken = A file named "{ $name }" is already in this folder. The upload would replace it.
uploads-request-use = Use "{ $name }"
uploads-request-replace = Replace it
uploads-request-ready = Anyone with this link can upload one file, saved as "{ $name }", until { $until }. They send it with an HTTP PUT and the { $count ->
        [one] header
       *[other] headers
    } { $headers }, for example with this command:
uploads-request-command = Command:
uploads-request-copy-command = Copy command
uploads-request-copy-link = Copy link only

table-buckets = Buckets
table-loading-buckets = Loading buckets…
table-try-again = Try again
table-no-buckets = No buckets yet. Create one in your storage provider's console, then refresh.
table-refresh = Refresh
table-open-bucket = Open the bucket { $name }
table-go-to = Go to { $name }
table-pick-bucket = Pick a bucket on the left to see its files.
table-loading = Loading…
table-empty-folder = This folder is empty — drop files on this window to upload them here.
table-filtering = Filtering…
table-no-match = Nothing in this folder matches “{ $filter }”.
table-name = Name
table-size = Size
table-modified = Modified
table-name-in-sentence = name
table-size-in-sentence = size
table-modified-in-sentence = modified
table-sort-by = Sort by { $column }
table-sorted-ascending = Sorted by { $column } (ascending); click to reverse
table-sorted-descending = Sorted by { $column } (descending); click to reverse
