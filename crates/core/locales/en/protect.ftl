# "Protect with a password…" (crates/gui/src/protect_dialog.rs).

protect-title = Protect with a password
protect-intro = “{ $name }” ({ $size }) is encrypted on this computer and shared as a page that opens it with the password. Without the password, the link shows nothing but the size.
protect-too-big = This file ({ $size }) is larger than { $limit }, the most a browser can open from a password page.
protect-type-twice = Type the same password twice.
protect-cancel = Cancel
protect-password = Password
protect-password-again = Same password again
protect-works-for = Link works for
protect-start = Protect and share
protect-step-starting = Starting…
protect-step-fetching = Fetching the file: { $done } of { $size }…
protect-step-key = Preparing the key…
protect-step-encrypting = Encrypting: { $done } of { $size }…
protect-step-uploading = Uploading: { $done }…
protect-ready = ✔ The file is protected
protect-ready-details = Send the link, and the password another way (a call, a message). The link works until { $until }.
protect-copy-link = Copy page link
protect-too-busy = The window is too busy to start. Try again.
protect-link-copied = Link copied. Send the password another way.
