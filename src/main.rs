fn main() -> std::process::ExitCode {
    s3share::cli::main()
}
