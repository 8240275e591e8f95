//! The `Deserialize` machinery behind generated structs (see `codegen/src/emit/serde_impls.rs`).
//!
//! A generated struct implements [`StructFields`]: its wire names, a tuple of slots (one
//! `Option` per field) and how to build itself from the filled slots. The map visitor, key
//! lookup, duplicate, missing and unknown fields all live here, so a bindings crate
//! type-checks a few lines per struct instead of a visitor with an arm per field.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};

/// Reads a map key as the index of a known field, or `None` for any other key.
#[derive(Debug, Clone, Copy)]
pub struct FieldIndex(pub &'static [&'static str]);

/// Reads a map key as the index of a known field, or the key itself for any other key (for
/// structs that keep unknown properties).
#[derive(Debug, Clone, Copy)]
pub struct FieldOrName(pub &'static [&'static str]);

impl<'de> DeserializeSeed<'de> for FieldIndex {
    type Value = Option<usize>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for FieldIndex {
    type Value = Option<usize>;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("field identifier")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Self::Value, E> {
        Ok(self.0.iter().position(|field| *field == key))
    }

    fn visit_bytes<E: de::Error>(self, key: &[u8]) -> Result<Self::Value, E> {
        Ok(self.0.iter().position(|field| field.as_bytes() == key))
    }
}

impl<'de> DeserializeSeed<'de> for FieldOrName {
    type Value = Result<usize, String>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for FieldOrName {
    type Value = Result<usize, String>;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("field identifier")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Self::Value, E> {
        Ok(FieldIndex(self.0).visit_str::<E>(key)?.ok_or_else(|| key.to_owned()))
    }

    fn visit_string<E: de::Error>(self, key: String) -> Result<Self::Value, E> {
        Ok(match FieldIndex(self.0).visit_str::<E>(&key)? {
            Some(index) => Ok(index),
            None => Err(key),
        })
    }

    fn visit_bytes<E: de::Error>(self, key: &[u8]) -> Result<Self::Value, E> {
        match std::str::from_utf8(key) {
            Ok(key) => self.visit_str(key),
            Err(_) => Err(E::invalid_value(de::Unexpected::Bytes(key), &self)),
        }
    }
}

/// Reads the value of field `name` into `slot`; a second value for the field is an error.
pub fn set<'de, A, T>(map: &mut A, slot: &mut Option<T>, name: &'static str) -> Result<(), A::Error>
where
    A: MapAccess<'de>,
    T: de::Deserialize<'de>,
{
    if slot.is_some() {
        return Err(de::Error::duplicate_field(name));
    }
    *slot = Some(map.next_value()?);
    Ok(())
}

/// Reads and drops the value of a key the struct does not have.
pub fn skip<'de, A: MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<IgnoredAny>().map(drop)
}

/// The value of required field `name`, or the `missing field` error.
pub fn required<T, E: de::Error>(slot: Option<T>, name: &'static str) -> Result<T, E> {
    slot.ok_or_else(|| E::missing_field(name))
}

/// A generated struct as the shared visitor sees it.
pub trait StructFields<'de>: Sized {
    /// One `Option` per field in wire order, nested in tuples of at most 12 (see [`Slots`]).
    type Slots: Slots<'de> + Default;
    /// The value type of properties not listed in [`Self::FIELDS`], when they are kept
    /// ([`IgnoredAny`] otherwise).
    type Extra: de::Deserialize<'de>;
    /// The struct's name, for error messages.
    const NAME: &'static str;
    /// Wire names of the fields, in slot order.
    const FIELDS: &'static [&'static str];
    /// Whether properties not listed in [`Self::FIELDS`] are kept (`additionalProperties`).
    const KEEPS_EXTRA: bool;

    /// Builds the struct from the filled slots and, when kept, the unlisted properties.
    fn finish<E: de::Error>(
        slots: Self::Slots,
        extra: BTreeMap<String, Self::Extra>,
    ) -> Result<Self, E>;
}

/// Decodes a generated struct from a map (or a struct, for formats that have them).
pub fn structure<'de, T, D>(deserializer: D) -> Result<T, D::Error>
where
    T: StructFields<'de>,
    D: Deserializer<'de>,
{
    let visitor = StructVisitor::<T>(PhantomData);
    if T::KEEPS_EXTRA {
        deserializer.deserialize_map(visitor)
    } else {
        deserializer.deserialize_struct(T::NAME, T::FIELDS, visitor)
    }
}

struct StructVisitor<T>(PhantomData<T>);

impl<'de, T: StructFields<'de>> Visitor<'de> for StructVisitor<T> {
    type Value = T;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "struct {}", T::NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut slots = T::Slots::default();
        let mut extra = BTreeMap::new();
        if T::KEEPS_EXTRA {
            while let Some(key) = map.next_key_seed(FieldOrName(T::FIELDS))? {
                match key {
                    Ok(index) => slots.fill(index, T::FIELDS[index], &mut map)?,
                    Err(name) => {
                        extra.insert(name, map.next_value::<T::Extra>()?);
                    }
                }
            }
        } else {
            while let Some(key) = map.next_key_seed(FieldIndex(T::FIELDS))? {
                match key {
                    Some(index) => slots.fill(index, T::FIELDS[index], &mut map)?,
                    None => skip(&mut map)?,
                }
            }
        }
        T::finish(slots, extra)
    }
}

/// Storage for decoded field values: `Option<T>` holds one field; tuples of slots hold
/// consecutive fields, so slot `index` of a tuple is found by counting through its members.
pub trait Slots<'de> {
    /// How many fields the slots hold.
    const LEN: usize;

    /// Reads the value of field `index` (wire name `name`) from `map` into its slot.
    fn fill<A: MapAccess<'de>>(
        &mut self,
        index: usize,
        name: &'static str,
        map: &mut A,
    ) -> Result<(), A::Error>;
}

impl<'de, T: de::Deserialize<'de>> Slots<'de> for Option<T> {
    const LEN: usize = 1;

    fn fill<A: MapAccess<'de>>(
        &mut self,
        _index: usize,
        name: &'static str,
        map: &mut A,
    ) -> Result<(), A::Error> {
        set(map, self, name)
    }
}

impl<'de> Slots<'de> for () {
    const LEN: usize = 0;

    fn fill<A: MapAccess<'de>>(
        &mut self,
        _index: usize,
        _name: &'static str,
        _map: &mut A,
    ) -> Result<(), A::Error> {
        Ok(())
    }
}

macro_rules! tuple_slots {
    ($($index:tt $member:ident),+) => {
        impl<'de, $($member: Slots<'de>),+> Slots<'de> for ($($member,)+) {
            const LEN: usize = 0 $(+ $member::LEN)+;

            fn fill<A: MapAccess<'de>>(
                &mut self,
                mut index: usize,
                name: &'static str,
                map: &mut A,
            ) -> Result<(), A::Error> {
                $(
                    if index < $member::LEN {
                        return self.$index.fill(index, name, map);
                    }
                    index -= $member::LEN;
                )+
                // Indices come from `FIELDS`, which has exactly `LEN` names.
                let _ = index;
                Ok(())
            }
        }
    };
}

tuple_slots!(0 T0);
tuple_slots!(0 T0, 1 T1);
tuple_slots!(0 T0, 1 T1, 2 T2);
tuple_slots!(0 T0, 1 T1, 2 T2, 3 T3);
tuple_slots!(0 T0, 1 T1, 2 T2, 3 T3, 4 T4);
tuple_slots!(0 T0, 1 T1, 2 T2, 3 T3, 4 T4, 5 T5);
tuple_slots!(0 T0, 1 T1, 2 T2, 3 T3, 4 T4, 5 T5, 6 T6);
tuple_slots!(0 T0, 1 T1, 2 T2, 3 T3, 4 T4, 5 T5, 6 T6, 7 T7);
tuple_slots!(0 T0, 1 T1, 2 T2, 3 T3, 4 T4, 5 T5, 6 T6, 7 T7, 8 T8);
tuple_slots!(0 T0, 1 T1, 2 T2, 3 T3, 4 T4, 5 T5, 6 T6, 7 T7, 8 T8, 9 T9);
tuple_slots!(0 T0, 1 T1, 2 T2, 3 T3, 4 T4, 5 T5, 6 T6, 7 T7, 8 T8, 9 T9, 10 T10);
tuple_slots!(0 T0, 1 T1, 2 T2, 3 T3, 4 T4, 5 T5, 6 T6, 7 T7, 8 T8, 9 T9, 10 T10, 11 T11);
