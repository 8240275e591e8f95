//! Compile-fail cases: every class of spec mistake is a compile error naming the spec file and
//! JSON pointer, and leaving out a required parameter does not compile.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("ui/*/*.rs");
}
