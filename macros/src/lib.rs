//! `#[specbind::bindings(spec = "...")]`: generates typed API bindings from spec files.
//!
//! This crate is only the entry point; all the work happens in `specbind-codegen`, so the
//! generator can be tested, and used by the `specbind` CLI, without a compiler in the loop.
//! Use it through the `specbind` crate, which re-exports the macro.
#![deny(missing_docs)]

mod args;
mod dependency;
mod expand;

use proc_macro::TokenStream;

/// Fills an inline module with typed bindings generated from spec files.
///
/// ```ignore
/// #[specbind::bindings(spec = "specs/vpcep")]
/// pub mod vpcep {}
/// ```
///
/// `spec` is a JSON or YAML file or a directory of them, relative to the crate's `Cargo.toml`
/// (or, when nothing is there, to the source file holding the attribute). `spec_crate = "name"`
/// reads the files of a dependency instead, such as the published API Explorer exports
/// (`spec_crate = "huawei-cloud-api-definitions-ECS"`, whose files are under `src/`; `spec`
/// then names a directory inside that crate). Defects with one obvious fix are repaired (list
/// them with `specbind check`); `strict = true` refuses repairs. `skip_invalid = true` leaves out
/// files that are not API documents and operations that cannot be bound instead of failing.
/// Every other problem becomes a compile error naming the file and JSON pointer.
#[proc_macro_attribute]
pub fn bindings(args: TokenStream, item: TokenStream) -> TokenStream {
    let module = syn::parse_macro_input!(item as syn::ItemMod);
    let args = match args::BindingsArgs::parse(args.into()) {
        Ok(args) => args,
        Err(error) => return expand::with_error(module, error).into(),
    };
    let source_dir =
        proc_macro::Span::call_site().local_file().and_then(|file| file.parent().map(Into::into));
    expand::bindings(args, module, source_dir).into()
}
