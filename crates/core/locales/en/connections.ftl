# Connections: the switcher in the top bar, the add/edit dialog, its notices
# (crates/gui/src/connections/).

connections-aws-label = AWS (environment/profile)
connections-demo-label = Demo storage
connections-waiting-for-keyring = Waiting for the keyring…
connections-session-only-note = The keys stay in memory only and are forgotten when S3 Share closes. Nothing is written to disk.
connections-saved = Saved “{ $name }”.
connections-removed-with-key = Removed “{ $name }” and its secret key.
connections-removed = Removed “{ $name }”.
connections-kept-for-session = “{ $name }” is kept for this session only; it is forgotten when S3 Share closes.
connections-too-busy = The window is too busy to do this now. Try again.
connections-test-bucket = Connection works: the bucket “{ $name }” is reachable (region { $region }).
connections-test-no-bucket = Connection works, but these keys see no bucket yet.
connections-test-many-buckets = Connection works: { $count } buckets ({ $names }, …).
connections-test-buckets = { $count ->
    [one] Connection works: { $count } bucket ({ $names }).
   *[other] Connection works: { $count } buckets ({ $names }).
}
connections-bucket-hint = { $what } (if these keys may not list buckets, type a bucket name under “Bucket to test” and test again)

switcher-title = ☁ { $name } ⏷
switcher-title-connecting = ☁ { $name } (connecting…) ⏷
switcher-open-storage = Open storage
switcher-add = ➕ Add a connection…
switcher-edit = ✏ Edit “{ $name }”…
switcher-hover = The storage account the window is showing. Click to switch or add one.
switcher-profile = { " " }(profile { $profile })
switcher-session-only = { " " }· this session only
switcher-keys-expired = { " " }· temporary keys, expired
switcher-keys-until = { " " }· temporary keys until { $time }

form-title-edit = Edit connection
form-title-add = Add your S3 account
form-remove-question = Remove “{ $name }”?
form-remove-yes = Yes, remove
form-remove-keep = Keep it
form-remove = Remove…
form-remove-hover = Forget this connection and delete its secret key from the keyring
form-save = Save
form-test = Test connection
form-test-hover = List the buckets with these keys (nothing is saved)
form-cancel = Cancel
form-name = Name
form-name-hint = Work, Photos, Office MinIO…
form-provider = Provider
form-account-id = Account ID
form-account-id-hint = shown on the R2 overview page
form-endpoint = Endpoint
form-region = Region
form-region-auto = auto (R2 picks it)
form-region-found = found for each bucket
form-path-style = Path-style addresses (server/bucket/file)
form-path-style-hover = Needed by MinIO and most servers reached by IP address or a single host name
form-address = Address
form-keys = Keys
form-access-keys = Access keys
form-use-profile = Use an AWS profile
form-aws-profile = AWS profile
form-profile-hint = profile name
form-no-profiles = No profiles found in ~/.aws/config or ~/.aws/credentials.
form-profile-note = The keys stay in the AWS files (SSO included); nothing secret is copied.
form-access-key-id = Access key ID
form-secret-unchanged = unchanged (kept in the keyring)
form-secret = Secret access key
form-session-token = Session token
form-session-token-hint = optional, for temporary keys
form-session-ends = Session ends
form-session-ends-hint = 2026-11-28 14:30 (optional)
form-session-end-missing = Without its end time, links made with these keys may stop working early, and S3 Share cannot tell when.
form-session-end-note = Links end by { $time } at the latest.
form-test-bucket = Bucket to test
form-test-bucket-hint = optional, for keys that may not list buckets
form-keyring-note = The secret key is kept in the system keyring, never in a file.
form-testing = Testing the connection…
form-stop-waiting = Stop waiting
form-stop-waiting-hover = The keyring may be showing an unlock prompt
form-keep-for-session = Keep for this session only
