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
        let error = syn::Error::new(args.span(), "CARGO_MANIFEST_DIR is not set; build with cargo");
        return with_error(module, error);
    };
    // Overlays are the user's own files, found like a spec path (relative to Cargo.toml, else
    // to the source file) even with `spec_crate`.
    let overlays: Vec<PathBuf> = args
        .overlays
        .iter()
        .map(|path| {
            let path = path.value();
            match &source_dir {
                Some(dir) if !manifest_dir.join(&path).exists() && dir.join(&path).exists() => {
                    dir.join(path)
                }
                _ => manifest_dir.join(path),
            }
        })
        .collect();
    let (base_dir, spec) = match spec_location(&args, manifest_dir, source_dir) {
        Ok(location) => location,
        Err(message) => return with_error(module, syn::Error::new(args.span(), message)),
    };
    let input = GenerateInput {
        spec: &spec,
        base_dir: &base_dir,
        overlays: &overlays,
        options: Options { skip_invalid: args.skip_invalid, strict: args.strict },
    };
    match specbind_codegen::generate(&input) {
        Ok(generated) => splice(module, generated.tokens, &generated.files),
        Err(failure) => {
            let errors = failure.errors().map(|diagnostic| {
                syn::Error::new(args.span(), diagnostic.to_string()).to_compile_error()
            });
            let stub = &failure.stub;
            splice(module, quote!(#(#errors)* #stub), &failure.files)
        }
    }
}

/// The directory the spec path is relative to, and the path. With `spec_crate` the base is the
/// directory holding the dependency, so diagnostics name it (`<crate>-<version>/src/X.json`).
fn spec_location(
    args: &BindingsArgs,
    manifest_dir: PathBuf,
    source_dir: Option<PathBuf>,
) -> Result<(PathBuf, PathBuf), String> {
    let spec = args.spec.as_ref().map(syn::LitStr::value);
    if let Some(name) = &args.spec_crate {
        let crate_dir = crate::dependency::locate(&name.value(), &manifest_dir)?;
        let (Some(parent), Some(dir_name)) = (crate_dir.parent(), crate_dir.file_name()) else {
            return Err(format!("cannot use {} as a spec directory", crate_dir.display()));
        };
        let inside = Path::new(dir_name).join(spec.as_deref().unwrap_or("src"));
        return Ok((parent.to_path_buf(), inside));
    }
    let spec = PathBuf::from(spec.unwrap_or_default());
    // Relative to Cargo.toml first; relative to the source file (like `include_str!`) when
    // nothing is there.
    let base_dir = match source_dir {
        Some(dir) if !manifest_dir.join(&spec).exists() && dir.join(&spec).exists() => dir,
        _ => manifest_dir,
    };
    Ok((base_dir, spec))
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
