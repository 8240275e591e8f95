//! Our signer against checked-in output of the official signer, so signing conformance is
//! covered by `cargo test` without Python.
//!
//! `tests/data/signing_official_cases.json` was written by
//! `python3 conformance/signing/generate_cases.py --seed 2 --count 40 --out ...` with
//! huaweicloudsdkcore 3.1.219; seed 2 was picked because its 40 cases cover both algorithms,
//! security tokens, project IDs, every body kind, list/bool/empty query values, `_` headers,
//! padded header values, raw unicode and malformed percent-escapes in paths, and a caller-set
//! `host` header. `conformance/signing/run.sh` runs the same check on hundreds of fresh cases.

#[path = "../examples/signing_conformance/case.rs"]
mod case;

#[test]
fn every_checked_in_official_case_matches_stage_by_stage() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/signing_official_cases.json");
    let cases = case::load(&path).unwrap();
    assert_eq!(cases.len(), 40);
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|case| {
            case::check(case).err().map(|difference| format!("{}: {difference}", case.name))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases differ:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn a_changed_expectation_is_reported() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/signing_official_cases.json");
    let mut cases = case::load(&path).unwrap();
    let case = &mut cases[0];
    case.expected.string_to_sign.push('x');
    let difference = case::check(case).unwrap_err();
    assert!(difference.starts_with("string to sign differs"), "{difference}");
}
