# "Request files…": the dialog that makes a page through which anyone can send files
# (crates/gui/src/file_request.rs).

request-title = Request files
request-intro-bucket = Make a web page through which anyone with its link can send you files — no account or software needed. Files sent through the page go into a new folder of their own inside the top of { $bucket }; the files already in the top of { $bucket } are never replaced.
request-intro-folder = Make a web page through which anyone with its link can send you files — no account or software needed. Files sent through the page go into a new folder of their own inside { $folder }; the files already in { $folder } are never replaced.
request-works-for = Page works for
request-largest-file = Largest file
request-make = Make request page
request-making = Making the page…
request-ready = ✔ The request page is ready
request-ready-details = Files arrive in “{ $folder }” (up to { $size } each). The page works until { $until }.
request-copy-link = Copy page link
request-open-folder = Open folder
request-open-folder-hover = See what has arrived (Refresh shows new files)
request-too-busy = The window is too busy to make the page. Try again.
request-link-copied = Page link copied. Send it to whoever should send you files.
