//! Items generated code refers to as `::specbind::__private::…`. Not a public API.
//!
//! Only what the generator emits (or the runtime's own tests need to stand in for it) lives here;
//! anything else would be a second, undocumented public API to keep stable.

pub mod de;
mod erased;
pub(crate) mod json_path;
mod marker;
pub mod ser;

pub use ::bytes;
pub use ::serde;
pub use ::serde_json;

pub use crate::call::Call;
pub use crate::decode::{DecodeFailure, decode_bytes, decode_empty, decode_json, decode_text};
pub use crate::multipart::MultipartForm;
pub use crate::operation::{Method, Operation};
pub use crate::param::ParamValue;
pub use crate::waiter::WaiterSpec;
pub use erased::{ErasedBody, call, erased_bytes, erased_empty, erased_json, erased_text};
pub use marker::{last_item_marker, marker_at};

use crate::error::Error;
use crate::response::Response;

/// The response of a waiter that cannot succeed by 404: `None` never happens there, but is
/// turned into an error rather than a panic should a spec and its code disagree.
///
/// `None` means the polls ended on a 404, so the error is of the response phase, with that
/// status: requests were sent.
pub fn expect_polled<T>(
    spec: &'static WaiterSpec,
    outcome: Option<Response<T>>,
) -> Result<Response<T>, Error> {
    outcome.ok_or_else(|| {
        Error::unusable_response(
            404,
            format!("waiter `{}` ended on a 404 without a response to return", spec.name),
        )
    })
}
