// The bindings are generated from every file in the spec directory. Editing a file is tracked by
// the macro itself; this line makes adding or removing a file regenerate too.
fn main() {
    println!("cargo:rerun-if-changed=../specs/vpcep");
}
