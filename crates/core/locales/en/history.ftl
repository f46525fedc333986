# The shared-links history (crates/gui/src/history.rs, crates/core/src/history.rs).

history-button = History ({ $count ->
    [one] { $count } link
   *[other] { $count } links
})
history-back = ← Back to files
history-heading = Shared links
history-revoke-text = A plain link keeps working until it expires: it cannot be taken back early. To stop one sooner, move, rename or delete the file, or disable the access key that signed it (that stops every link it signed). Links to a copy ("Share a copy I can take back") can: Stop sharing deletes the copy. Deleting a line here only removes it from this list.
history-search = Search history
history-search-hint = Name, bucket, connection…
history-search-clear = Clear the search
history-sort = Sort
history-sort-made-newest = Newest first
history-sort-made-oldest = Oldest first
history-sort-ends-soonest = Ends soonest first
history-sort-ends-latest = Ends latest first
history-only-working = Only links still working
history-only-working-hover = Hides links that have ended or were taken back
history-keep-links = Keep the links themselves
history-keep-links-hover = When off, only what was shared, when and until when is kept — not the working links (anyone who can read your files could use them).
history-cancel = Cancel
history-clear = Clear history
history-clear-question = Remove every line? Links already sent keep working.
history-clear-all = Clear all…
history-empty = No links yet. Links you copy are listed here.
history-none-working = No link still works.
history-none-working-matches = No working link matches “{ $search }”.
history-none-matches = No link matches “{ $search }”.

history-remove-copies-working = Remove from the history, with its copies (the links keep working)
history-remove-working = Remove from the history (the link keeps working)
history-remove-copies = Remove from the history, with its copies
history-remove = Remove from the history
history-stop-sharing = Stop sharing
history-stop-sharing-hover = Stop sharing: { $effect }.
history-stopping-another = Stopping another link…
history-stop-other-connection = Made with “{ $connection }”: open that connection to stop sharing it.
history-copy-again = Copy again
history-copy-again-hover = Copies the same link; it still works
history-make-new = Make a new link
history-make-new-hover = Copies a new link to the same file, working as long as this one did
history-make-new-other-connection = Made with “{ $connection }”: open that connection to make a new link.
history-ended-demo-restarted = ended — demo storage restarted

history-downloads-as = downloads as { $name }
history-downloads = downloads
history-opens-in-browser = opens in the browser
history-made = made { $time }
history-works-until = works until { $time }
history-would-have-worked-until = would have worked until { $time }
history-ended-at = ended { $time }
history-copied-times = copied { $count ->
    [one] { $count } time
   *[other] { $count } times
}
history-same-copies = { $text } · { $count ->
    [one] { $count } copy
   *[other] { $count } copies
}

history-too-busy-update = The window is too busy to update the history. Try again.
history-too-busy-stop = The window is too busy to stop sharing. Try again.
history-stopped-sharing = Stopped sharing { $name }: { $effect }.
history-copied-again = Link copied again

# Where a shared thing stands (the CLI's words too).
history-state-active = active
history-state-ended = ended
history-state-taken-back = taken back
history-state-active-until = active, works until { $time }
history-page-label = page · { $count ->
    [one] { $shown } file
   *[other] { $shown } files
}
history-mode-page = one link to a page in the bucket, listing the files
history-mode-request = one link to a page in the bucket that takes uploads
history-mode-protected = one link to a page that asks for the password
history-mode-copy = a link to s3share's copy of the file
history-effect-copy = s3share's copy is deleted and its link stops working at once (your own file is not touched)
history-effect-protected = the encrypted file and its page are deleted and the link stops working at once
history-effect-page = the page is deleted and its link stops working at once, but anyone who already opened the page keeps the file links it showed until they end ({ $ends })
history-effect-request = the page is deleted and its link stops working at once, but a browser that still has it open can send files until the form ends ({ $ends }); files already received stay

