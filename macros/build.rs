//! Records the host's target triple: `spec_crate` asks `cargo metadata` for the packages of
//! that platform only, so it never needs the manifests of other platforms' dependencies.
fn main() {
    let target = std::env::var("TARGET").unwrap_or_default();
    println!("cargo:rustc-env=SPECBIND_HOST_TRIPLE={target}");
    println!("cargo:rerun-if-changed=build.rs");
}
