//! Runs the real `specbind` binary.

use std::process::Command;

fn specbind(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_specbind")).args(args).output().expect("run specbind")
}

#[test]
fn missing_spec_prints_a_diagnostic_and_exits_1() {
    let output =
        specbind(&["expand", "no/such/spec.json", "--base-dir", env!("CARGO_MANIFEST_DIR")]);
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty(), "nothing on stdout when generation fails");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("no/such/spec.json"), "{stderr}");
    assert!(stderr.contains("error: "), "{stderr}");
}

#[test]
fn usage_errors_exit_nonzero_without_panicking() {
    let output = specbind(&["expand"]);
    assert_eq!(output.status.code(), Some(2), "clap's usage error status");
    assert!(String::from_utf8_lossy(&output.stderr).contains("<SPEC>"));
}

#[test]
fn expands_a_spec_exactly_like_the_golden_file() {
    let tests_dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests");
    let output = specbind(&["expand", "specs/operations.json", "--base-dir", tests_dir]);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let golden = std::fs::read_to_string(format!("{tests_dir}/golden/operations.rs")).unwrap();
    // The golden file starts with one comment line naming its source.
    let (_, expected) = golden.split_once('\n').expect("header line");
    assert_eq!(String::from_utf8(output.stdout).unwrap(), expected);
}
