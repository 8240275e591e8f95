//! Runs the generator and splices its output into the user's module.

use std::path::{Path, PathBuf};

use proc_macro2::TokenStream;
use quote::quote;
use specbind_codegen::{GenerateInput, Options};

use crate::args::BindingsArgs;

/// Expands `#[bindings]` on `module`.
pub fn bindings(
    args: BindingsArgs,
    module: syn::ItemMod,
    source_dir: Option<PathBuf>,
) -> TokenStream {
    let Some(manifest_dir) = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from) else {
        let error =
            syn::Error::new_spanned(&args.spec, "CARGO_MANIFEST_DIR is not set; build with cargo");
        return with_error(module, error);
    };
    let spec = args.spec.value();
    // Relative to Cargo.toml first; relative to the source file (like `include_str!`) when
    // nothing is there.
    let base_dir = match source_dir {
        Some(dir) if !manifest_dir.join(&spec).exists() && dir.join(&spec).exists() => dir,
        _ => manifest_dir,
    };
    let input = GenerateInput {
        spec: Path::new(&spec),
        base_dir: &base_dir,
        options: Options { skip_invalid: args.skip_invalid },
    };
    match specbind_codegen::generate(&input) {
        Ok(generated) => splice(module, generated.tokens, &generated.files),
        Err(failure) => {
            let errors = failure.diagnostics.iter().map(|diagnostic| {
                syn::Error::new(args.spec.span(), diagnostic.to_string()).to_compile_error()
            });
            splice(module, quote!(#(#errors)*), &failure.files)
        }
    }
}

/// The user's module unchanged plus one compile error, so the real mistake is what they see.
pub fn with_error(module: syn::ItemMod, error: syn::Error) -> TokenStream {
    splice(module, error.to_compile_error(), &[])
}

/// Appends `generated` to the module's own items, with one `include_bytes!` per spec file so
/// cargo rebuilds the crate when a spec file changes.
fn splice(module: syn::ItemMod, generated: TokenStream, files: &[PathBuf]) -> TokenStream {
    let syn::ItemMod { attrs, vis, unsafety, mod_token, ident, content, semi, .. } = module;
    let Some((_, items)) = content else {
        let error = syn::Error::new_spanned(
            quote!(#mod_token #ident #semi),
            "#[specbind::bindings] needs an inline module: write `mod name {}`",
        );
        return error.to_compile_error();
    };
    // Only files that exist: a missing one is already reported, with its JSON pointer.
    let tracked =
        files.iter().filter(|file| file.is_file()).filter_map(|file| file.to_str()).map(|file| {
            quote!(
                const _: &[u8] = ::core::include_bytes!(#file);
            )
        });
    quote! {
        #(#attrs)*
        #vis #unsafety #mod_token #ident {
            #(#items)*
            #(#tracked)*
            #generated
        }
    }
}
