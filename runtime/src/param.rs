//! Values that can be written into a path segment, query string or header.

use std::borrow::Cow;

/// Something that can be a path, query or header value.
///
/// Booleans are written `true` / `false`; numbers in their shortest decimal form.
pub trait ParamValue {
    /// The value as text, not yet percent-encoded.
    fn to_param(&self) -> Cow<'_, str>;
}

impl ParamValue for str {
    fn to_param(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}

impl ParamValue for String {
    fn to_param(&self) -> Cow<'_, str> {
        Cow::Borrowed(self.as_str())
    }
}

impl ParamValue for Cow<'_, str> {
    fn to_param(&self) -> Cow<'_, str> {
        Cow::Borrowed(self.as_ref())
    }
}

impl ParamValue for bool {
    fn to_param(&self) -> Cow<'_, str> {
        Cow::Borrowed(if *self { "true" } else { "false" })
    }
}

impl<T: ParamValue + ?Sized> ParamValue for &T {
    fn to_param(&self) -> Cow<'_, str> {
        (**self).to_param()
    }
}

macro_rules! display_param {
    ($($ty:ty),* $(,)?) => {$(
        impl ParamValue for $ty {
            fn to_param(&self) -> Cow<'_, str> {
                Cow::Owned(self.to_string())
            }
        }
    )*};
}

display_param!(i8, i16, i32, i64, i128, isize, u8, u16, u32, u64, u128, usize, f32, f64);

#[cfg(test)]
mod tests {
    use super::ParamValue;

    #[test]
    fn values_render_as_wire_text() {
        assert_eq!(true.to_param(), "true");
        assert_eq!(false.to_param(), "false");
        assert_eq!((-12i32).to_param(), "-12");
        assert_eq!(1.5f64.to_param(), "1.5");
        assert_eq!("a b".to_param(), "a b");
        assert_eq!(String::from("x").to_param(), "x");
    }
}
