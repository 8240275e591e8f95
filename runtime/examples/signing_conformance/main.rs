//! Signs every case of a conformance file with specbind's signer and compares each stage with
//! the official SDK's output. Prints one line per failing case and a final `N passed, M failed`;
//! exits non-zero on any failure.
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
    for case in &cases {
        if let Err(difference) = case::check(case) {
            failed += 1;
            println!(
                "FAIL {} ({}): {}",
                case.name,
                case.algorithm,
                difference.replace('\n', " | ")
            );
        }
    }
    println!("{} passed, {} failed", cases.len() - failed, failed);
    if failed == 0 && !cases.is_empty() { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}
