//! The query string, in the orders the official signer signs and sends it, and as received.
//!
//! `huaweicloudsdkcore` sorts the caller's `(key, value)` entries as Python tuples, where a list
//! value is compared as a whole list, and then writes each list's items sorted. It sorts those
//! items in place while writing the canonical request, and writes the query a second time for
//! the URI, so the URI compares the lists already sorted. The two orders differ only when one key
//! has several lists whose order depends on whether their items are sorted.

use std::cmp::Ordering;
use std::fmt::Write as _;

use percent_encoding::utf8_percent_encode;
use smallvec::SmallVec;

use super::canonical::ESCAPED;
use crate::http_request::QueryValue;

/// Which order the query's pairs are written in.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum QueryOrder {
    /// The canonical query the official signer signs: entries of one key compared with their
    /// lists as the caller gave them.
    Signed,
    /// The query the official signer sends: entries of one key compared with their lists
    /// sorted.
    Wire,
    /// Every pair where it stands: the verifier's second reading of a received query.
    AsGiven,
}

/// Appends the query (without `?`), every pair percent-encoded, in `order`.
pub(crate) fn write_query(out: &mut String, query: &[(String, QueryValue)], order: QueryOrder) {
    let mut pairs = PairWriter { out, first: true };
    if order == QueryOrder::AsGiven {
        for (key, value) in query {
            pairs.entry(key, &Items::given(value));
        }
        return;
    }
    if query.iter().all(|(_, value)| matches!(value, QueryValue::Single(_))) {
        return write_singles(&mut pairs, query);
    }
    // Lists are rare (generated code sends at most one per key), so their bookkeeping stays off
    // the common path above.
    let mut entries: SmallVec<[(&str, Items<'_>, Items<'_>); 8]> = query
        .iter()
        .map(|(key, value)| (key.as_str(), Items::given(value), Items::sorted(value)))
        .collect();
    // Stable, like Python's sort; entries that compare equal are written identically anyway.
    entries.sort_by(|(key_a, given_a, sorted_a), (key_b, given_b, sorted_b)| {
        key_a.cmp(key_b).then_with(|| match order {
            QueryOrder::Wire => sorted_a.python_cmp(sorted_b),
            _ => given_a.python_cmp(given_b),
        })
    });
    for (key, _, sorted) in &entries {
        pairs.entry(key, sorted);
    }
}

/// Single values only: each pair sorted by key, then value. The signer's common case.
fn write_singles(pairs: &mut PairWriter<'_>, query: &[(String, QueryValue)]) {
    // Requests rarely have more than a handful of query pairs; keeping them on the stack spares
    // an allocation on every signature.
    let mut singles: SmallVec<[(&str, &str); 8]> = query
        .iter()
        .filter_map(|(key, value)| match value {
            QueryValue::Single(value) => Some((key.as_str(), value.as_str())),
            _ => None,
        })
        .collect();
    singles.sort_unstable();
    for (key, value) in singles {
        pairs.text(key, value);
    }
}

/// The values of one query entry.
enum Items<'a> {
    One(&'a str),
    Texts(SmallVec<[&'a str; 4]>),
    Integers(SmallVec<[i64; 4]>),
}

impl<'a> Items<'a> {
    /// The entry's values in the caller's order.
    fn given(value: &'a QueryValue) -> Self {
        match value {
            QueryValue::Single(value) => Self::One(value),
            QueryValue::List(values) => Self::Texts(values.iter().map(String::as_str).collect()),
            QueryValue::Integers(numbers) => Self::Integers(numbers.iter().copied().collect()),
        }
    }

    /// The entry's values with a list sorted: the order they are written in.
    fn sorted(value: &'a QueryValue) -> Self {
        let mut items = Self::given(value);
        match &mut items {
            Self::One(_) => {}
            Self::Texts(texts) => texts.sort_unstable(),
            Self::Integers(numbers) => numbers.sort_unstable(),
        }
        items
    }

    /// Python's comparison of two values of one key: lists lexicographically, item by item, and
    /// text by code point, which is the byte order of UTF-8.
    /// Values of different kinds make the official signer raise `TypeError`; here text sorts
    /// before lists of text before lists of integers, so such a request still gets one order.
    fn python_cmp(&self, other: &Self) -> Ordering {
        match (self, other) {
            (Self::One(a), Self::One(b)) => a.cmp(b),
            (Self::Texts(a), Self::Texts(b)) => a.cmp(b),
            (Self::Integers(a), Self::Integers(b)) => a.cmp(b),
            _ => self.rank().cmp(&other.rank()),
        }
    }

    fn rank(&self) -> u8 {
        match self {
            Self::One(_) => 0,
            Self::Texts(_) => 1,
            Self::Integers(_) => 2,
        }
    }
}

/// Appends `key=value` pairs joined by `&`.
struct PairWriter<'o> {
    out: &'o mut String,
    first: bool,
}

impl PairWriter<'_> {
    fn entry(&mut self, key: &str, items: &Items<'_>) {
        match items {
            Items::One(value) => self.text(key, value),
            Items::Texts(values) => values.iter().for_each(|value| self.text(key, value)),
            Items::Integers(numbers) => {
                for number in numbers {
                    self.key(key);
                    // Digits and `-` need no escaping.
                    let _ = write!(self.out, "{number}");
                }
            }
        }
    }

    fn text(&mut self, key: &str, value: &str) {
        self.key(key);
        self.out.extend(utf8_percent_encode(value, ESCAPED));
    }

    /// `&key=` (no `&` before the first pair).
    fn key(&mut self, key: &str) {
        if !std::mem::take(&mut self.first) {
            self.out.push('&');
        }
        self.out.extend(utf8_percent_encode(key, ESCAPED));
        self.out.push('=');
    }
}
