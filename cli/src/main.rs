//! `specbind expand <spec> [--base-dir DIR]`: prints the code `#[specbind::bindings]` would
//! generate for a spec, pretty-printed. On a spec problem it prints every diagnostic to stderr
//! and exits with status 1.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use specbind_codegen::{GenerateInput, Options};

/// specbind: typed Rust bindings from OpenAPI specs.
#[derive(Debug, Parser)]
#[command(name = "specbind", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print the generated code for a spec file or directory.
    Expand {
        /// A spec file, or a directory whose `*.json` files form one API.
        spec: PathBuf,
        /// Directory the spec path is relative to, as the crate root is for the macro
        /// (defaults to the current directory).
        #[arg(long, value_name = "DIR")]
        base_dir: Option<PathBuf>,
        /// Skip files that are not API documents instead of failing.
        #[arg(long)]
        skip_invalid: bool,
    },
}

fn main() -> ExitCode {
    let Cli { command: Command::Expand { spec, base_dir, skip_invalid } } = Cli::parse();
    let base_dir = base_dir.unwrap_or_else(|| PathBuf::from("."));
    let input =
        GenerateInput { spec: &spec, base_dir: &base_dir, options: Options { skip_invalid } };
    match specbind_codegen::expand_to_string(&input) {
        Ok(code) => {
            print!("{code}");
            ExitCode::SUCCESS
        }
        Err(failure) => {
            for diagnostic in &failure.diagnostics {
                eprintln!("error: {diagnostic}");
            }
            eprintln!("specbind: {} problem(s) in {}", failure.diagnostics.len(), spec.display());
            ExitCode::FAILURE
        }
    }
}
