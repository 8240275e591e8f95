//! The `Serialize` machinery behind generated structs (see `codegen/src/emit/structs.rs`).
//!
//! A generated struct serializes as one call to [`structure`] (or [`structure_with_extra`])
//! with a tuple of its fields: [`Opt`] for a field left out when `None`, [`Req`] for one always
//! written. Writing and counting the fields happens here, so a bindings crate type-checks one
//! expression per struct instead of serde's derived body with a branch per field.

use std::collections::BTreeMap;

use serde::ser::{SerializeMap, SerializeStruct};
use serde::{Serialize, Serializer};

/// A field written only when it holds a value.
#[derive(Debug)]
pub struct Opt<'a, T>(pub &'static str, pub &'a Option<T>);

/// A field always written (`None` of a required, nullable field is written as `null`).
#[derive(Debug)]
pub struct Req<'a, T>(pub &'static str, pub &'a T);

/// Fields to write: [`Opt`], [`Req`], or tuples of at most 12 of them (nested for more).
pub trait Fields {
    /// How many fields will be written.
    fn count(&self) -> usize;
    /// Writes the fields as struct fields.
    fn write_struct<S: SerializeStruct>(&self, out: &mut S) -> Result<(), S::Error>;
    /// Writes the fields as map entries.
    fn write_map<M: SerializeMap>(&self, out: &mut M) -> Result<(), M::Error>;
}

impl<T: Serialize> Fields for Opt<'_, T> {
    fn count(&self) -> usize {
        usize::from(self.1.is_some())
    }

    fn write_struct<S: SerializeStruct>(&self, out: &mut S) -> Result<(), S::Error> {
        match self.1 {
            Some(value) => out.serialize_field(self.0, value),
            None => out.skip_field(self.0),
        }
    }

    fn write_map<M: SerializeMap>(&self, out: &mut M) -> Result<(), M::Error> {
        match self.1 {
            Some(value) => out.serialize_entry(self.0, value),
            None => Ok(()),
        }
    }
}

impl<T: Serialize> Fields for Req<'_, T> {
    fn count(&self) -> usize {
        1
    }

    fn write_struct<S: SerializeStruct>(&self, out: &mut S) -> Result<(), S::Error> {
        out.serialize_field(self.0, self.1)
    }

    fn write_map<M: SerializeMap>(&self, out: &mut M) -> Result<(), M::Error> {
        out.serialize_entry(self.0, self.1)
    }
}

impl Fields for () {
    fn count(&self) -> usize {
        0
    }

    fn write_struct<S: SerializeStruct>(&self, _out: &mut S) -> Result<(), S::Error> {
        Ok(())
    }

    fn write_map<M: SerializeMap>(&self, _out: &mut M) -> Result<(), M::Error> {
        Ok(())
    }
}

macro_rules! tuple_fields {
    ($($index:tt $member:ident),+) => {
        impl<$($member: Fields),+> Fields for ($($member,)+) {
            fn count(&self) -> usize {
                0 $(+ self.$index.count())+
            }

            fn write_struct<S: SerializeStruct>(&self, out: &mut S) -> Result<(), S::Error> {
                $( self.$index.write_struct(out)?; )+
                Ok(())
            }

            fn write_map<M: SerializeMap>(&self, out: &mut M) -> Result<(), M::Error> {
                $( self.$index.write_map(out)?; )+
                Ok(())
            }
        }
    };
}

tuple_fields!(0 T0);
tuple_fields!(0 T0, 1 T1);
tuple_fields!(0 T0, 1 T1, 2 T2);
tuple_fields!(0 T0, 1 T1, 2 T2, 3 T3);
tuple_fields!(0 T0, 1 T1, 2 T2, 3 T3, 4 T4);
tuple_fields!(0 T0, 1 T1, 2 T2, 3 T3, 4 T4, 5 T5);
tuple_fields!(0 T0, 1 T1, 2 T2, 3 T3, 4 T4, 5 T5, 6 T6);
tuple_fields!(0 T0, 1 T1, 2 T2, 3 T3, 4 T4, 5 T5, 6 T6, 7 T7);
tuple_fields!(0 T0, 1 T1, 2 T2, 3 T3, 4 T4, 5 T5, 6 T6, 7 T7, 8 T8);
tuple_fields!(0 T0, 1 T1, 2 T2, 3 T3, 4 T4, 5 T5, 6 T6, 7 T7, 8 T8, 9 T9);
tuple_fields!(0 T0, 1 T1, 2 T2, 3 T3, 4 T4, 5 T5, 6 T6, 7 T7, 8 T8, 9 T9, 10 T10);
tuple_fields!(0 T0, 1 T1, 2 T2, 3 T3, 4 T4, 5 T5, 6 T6, 7 T7, 8 T8, 9 T9, 10 T10, 11 T11);

/// Writes a generated struct named `name` with `fields`.
pub fn structure<S: Serializer, F: Fields>(
    serializer: S,
    name: &'static str,
    fields: F,
) -> Result<S::Ok, S::Error> {
    let mut out = serializer.serialize_struct(name, fields.count())?;
    fields.write_struct(&mut out)?;
    out.end()
}

/// Writes a generated struct that keeps unlisted properties: a map of `fields`, then `extra`
/// (as `#[serde(flatten)]` would).
pub fn structure_with_extra<S: Serializer, F: Fields, V: Serialize>(
    serializer: S,
    fields: F,
    extra: &BTreeMap<String, V>,
) -> Result<S::Ok, S::Error> {
    let mut out = serializer.serialize_map(None)?;
    fields.write_map(&mut out)?;
    for (key, value) in extra {
        out.serialize_entry(key, value)?;
    }
    out.end()
}
