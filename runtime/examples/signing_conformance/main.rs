//! Signs every case of a conformance file with specbind's signer and compares each stage with
//! the official SDK's output. Prints one line per failing case, one `class: N passed, M failed`
//! line per class of cases (the random ones, then each quirk of the official signer) and a final
//! `N passed, M failed` over all of them; exits non-zero on any failure.
//!
//! `cargo run -q -p specbind --example signing_conformance -- cases.json`
//! (cases come from `conformance/signing/generate_cases.py`; `conformance/signing/run.sh` does
//! both steps).

mod case;

use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args_os().nth(1) else {
        eprintln!("usage: signing_conformance <cases.json>");
        return ExitCode::from(2);
    };
    let cases = match case::load(std::path::Path::new(&path)) {
        Ok(cases) => cases,
        Err(error) => {
            eprintln!("cannot load cases: {error}");
            return ExitCode::from(2);
        }
    };
    let mut failed = 0usize;
    // (class, passed, failed) in the order the classes first appear.
    let mut classes: Vec<(&str, usize, usize)> = Vec::new();
    for case in &cases {
        let class = match classes.iter().position(|(name, _, _)| *name == case.class()) {
            Some(index) => index,
            None => {
                classes.push((case.class(), 0, 0));
                classes.len() - 1
            }
        };
        match case::check(case) {
            Ok(()) => classes[class].1 += 1,
            Err(difference) => {
                classes[class].2 += 1;
                failed += 1;
                let difference = difference.replace('\n', " | ");
                println!("FAIL {} ({}): {difference}", case.name, case.algorithm);
            }
        }
    }
    for (class, passed, failed) in &classes {
        println!("{class}: {passed} passed, {failed} failed");
    }
    println!("{} passed, {} failed", cases.len() - failed, failed);
    if failed == 0 && !cases.is_empty() { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}
