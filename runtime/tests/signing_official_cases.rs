//! Our signer against checked-in output of the official signer, so signing conformance is
//! covered by `cargo test` without Python.
//!
//! `tests/data/signing_official_cases.json` was written by
//! `python3 conformance/signing/generate_cases.py --seed 2 --count 40 --out ...` with
//! huaweicloudsdkcore 3.1.219; seed 2 was picked because its 40 cases cover both algorithms,
//! security tokens, project IDs, every body kind, list/bool/empty query values, `_` headers,
//! padded header values, raw unicode and malformed percent-escapes in paths, and a caller-set
//! `host` header. `conformance/signing/run.sh` runs the same check on hundreds of fresh cases.
//!
//! `tests/data/signing_official_quirks.json` holds six cases of each quirk of the official
//! signer that ours keeps (see `signing::sign_request`), from
//! `generate_cases.py --seed 2 --count 0 --quirks 6 --out ...`: `content-type` in lower case
//! (four with a body the quirk leaves signed), a caller's `x-sdk-content-sha256` in other
//! spellings, and a query key given several lists, three of them lists of integers and one
//! whose sent query differs from the signed one.

#[path = "../examples/signing_conformance/case.rs"]
mod case;

fn load(file: &str) -> Vec<case::Case> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(file);
    case::load(&path).unwrap()
}

fn assert_all_match(cases: &[case::Case]) {
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
fn every_checked_in_official_case_matches_stage_by_stage() {
    let cases = load("signing_official_cases.json");
    assert_eq!(cases.len(), 40);
    assert_all_match(&cases);
}

#[test]
fn every_checked_in_quirk_of_the_official_signer_matches_stage_by_stage() {
    let cases = load("signing_official_quirks.json");
    for class in ["content-type-lower", "content-sha256-spelling", "repeated-list-query"] {
        let count = cases.iter().filter(|case| case.class() == class).count();
        assert_eq!(count, 6, "{class}");
    }
    assert_eq!(cases.len(), 18);
    assert_all_match(&cases);
}

#[test]
fn a_changed_expectation_is_reported() {
    let mut cases = load("signing_official_cases.json");
    let case = &mut cases[0];
    case.expected.string_to_sign.push('x');
    let difference = case::check(case).unwrap_err();
    assert!(difference.starts_with("string to sign differs"), "{difference}");
}
