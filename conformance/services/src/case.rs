//! One call from `cases/<SERVICE>.json`, handed out field by field to the call code.
//!
//! Every value a call reads is marked, and `unread` lists what the call code never asked for:
//! a case parameter that no generated setter received would otherwise silently go missing
//! from our request and from the comparison.

use std::cell::RefCell;
use std::collections::BTreeSet;

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

/// Where a parameter goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Location {
    Path,
    Query,
    Header,
}

/// A call's inputs, in wire names.
pub struct Case {
    pub operation: String,
    /// JSON pointers of body fields the SDK has and the export lacks: no binding generated from
    /// the export can send them, so they are left out of the comparison and reported.
    pub export_lacks: Vec<Value>,
    path: Map<String, Value>,
    query: Map<String, Value>,
    header: Map<String, Value>,
    body: Value,
    read: RefCell<BTreeSet<(Location, String)>>,
    body_read: RefCell<bool>,
}

impl Case {
    /// The case as written in the cases file.
    pub fn from_json(case: &Value) -> Result<Self, String> {
        let map = |key: &str| case[key].as_object().cloned().unwrap_or_default();
        Ok(Self {
            operation: case["operation"].as_str().ok_or("a case has no operation")?.to_string(),
            export_lacks: case["export_lacks"].as_array().cloned().unwrap_or_default(),
            path: map("path_params"),
            query: map("query_params"),
            header: map("header_params"),
            body: case["body"].clone(),
            read: RefCell::default(),
            body_read: RefCell::default(),
        })
    }

    fn take<T: DeserializeOwned>(&self, location: Location, wire: &str) -> Result<T, String> {
        let params = match location {
            Location::Path => &self.path,
            Location::Query => &self.query,
            Location::Header => &self.header,
        };
        let value = params
            .get(wire)
            .ok_or_else(|| format!("the case has no {location:?} parameter `{wire}`"))?;
        self.read.borrow_mut().insert((location, wire.to_string()));
        serde_json::from_value(value.clone())
            .map_err(|e| format!("{location:?} parameter `{wire}` does not fit our type: {e}"))
    }

    /// A path parameter (usually an argument of `new`).
    pub fn path<T: DeserializeOwned>(&self, wire: &str) -> Result<T, String> {
        self.take(Location::Path, wire)
    }

    /// A query parameter, typed by the request field it is assigned to.
    pub fn query<T: DeserializeOwned>(&self, wire: &str) -> Result<T, String> {
        self.take(Location::Query, wire)
    }

    /// A header parameter, typed by the request field it is assigned to.
    pub fn header<T: DeserializeOwned>(&self, wire: &str) -> Result<T, String> {
        self.take(Location::Header, wire)
    }

    /// Marks a parameter that the generated client fills from its configuration (a client
    /// parameter such as `{domain_id}`) rather than from the request: nothing to pass, and the
    /// wire comparison checks the value.
    pub fn filled_by_client(&self, location: Location, wire: &str) -> Result<(), String> {
        self.take::<Value>(location, wire).map(drop)
    }

    /// The body, deserialized into the generated body type.
    pub fn body<T: DeserializeOwned>(&self) -> Result<T, String> {
        *self.body_read.borrow_mut() = true;
        serde_json::from_value(self.body.clone())
            .map_err(|e| format!("the case body does not fit our body type: {e}"))
    }

    /// Parameters (and the body) that the call code never read.
    pub fn unread(&self) -> Vec<String> {
        let read = self.read.borrow();
        let mut left = Vec::new();
        for (location, params) in [
            (Location::Path, &self.path),
            (Location::Query, &self.query),
            (Location::Header, &self.header),
        ] {
            for wire in params.keys() {
                if !read.contains(&(location, wire.clone())) {
                    left.push(format!("{location:?} `{wire}`"));
                }
            }
        }
        if !self.body.is_null() && !*self.body_read.borrow() {
            left.push("the body".to_string());
        }
        left
    }
}

/// Assigns optional request fields from the case: `set!(case, request; query: limit, offset,
/// not_tags = "not-tags"; header: x_client_token = "X-Client-Token")`. A field without `= wire`
/// has its own name as wire name. Assigning the `pub` fields (instead of calling the setters)
/// lets each field's type pick how the case value is read.
macro_rules! set {
    ($case:expr, $request:ident $(; $kind:ident: $($field:ident $(= $wire:literal)?),+)* $(;)?) => {
        $( $( $request.$field = $case.$kind($crate::case::wire!($field $(, $wire)?))?; )+ )*
    };
}

/// The wire name for `set!`: the given literal, or the field's own name.
macro_rules! wire {
    ($field:ident) => {
        stringify!($field)
    };
    ($field:ident, $wire:literal) => {
        $wire
    };
}

pub(crate) use {set, wire};

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Default)]
    struct Request {
        limit: Option<i32>,
        not_tags: Option<Vec<String>>,
    }

    fn fill(request: &mut Request, case: &Case) -> Result<(), String> {
        set!(case, request; query: limit, not_tags = "not-tags");
        Ok(())
    }

    #[test]
    fn set_reads_typed_values_and_unread_names_the_rest() {
        let case = Case::from_json(&json!({
            "operation": "Op",
            "query_params": {"limit": 5, "not-tags": ["a", "b"], "marker": "m"},
            "header_params": {"X-Token": "t"},
            "body": {"x": 1},
        }))
        .unwrap();
        let mut request = Request::default();
        fill(&mut request, &case).unwrap();
        assert_eq!(request.limit, Some(5));
        assert_eq!(request.not_tags, Some(vec!["a".to_string(), "b".to_string()]));
        assert_eq!(case.unread(), ["Query `marker`", "Header `X-Token`", "the body"]);
    }

    #[test]
    fn a_value_of_the_wrong_type_or_a_name_the_case_lacks_is_an_error() {
        let case =
            Case::from_json(&json!({"operation": "Op", "query_params": {"limit": "x"}})).unwrap();
        assert!(case.query::<Option<i32>>("limit").unwrap_err().contains("does not fit"));
        assert!(case.query::<Option<i32>>("offset").unwrap_err().contains("has no Query"));
    }
}
