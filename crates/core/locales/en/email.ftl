# The email text made for links (crates/core/src/message.rs): it follows the sender's
# language, since they write to their own contacts. $files: "3 files".
email-here-are = Here are { $files }:
# $time: a day, time and time zone ("Fri 4 Dec, 17:36 CET").
email-works-until = Link works until { $time }
email-subject-one = Shared file: { $name }
email-subject-two = Shared files: { $first } and { $second }
email-subject-more = Shared files: { $first } and { $count } more
email-subject-none = Shared files
