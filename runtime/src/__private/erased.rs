//! The one path every generated operation takes to [`Client::execute`], with the body type erased.
//!
//! `execute` is generic over the decoded body, and an `async fn` body is only compiled where its
//! future is polled: a generated `execute::<Body>` per operation made every bindings crate
//! compile the whole retry loop, signing calls and hyper client (tens of thousands of LLVM
//! lines) once per response type. Here `execute` is instantiated once, in this crate, for a boxed
//! body; generated code passes a decoder that boxes its typed result and gets the type back with
//! [`call`], whose own future is a few lines.

use std::any::Any;
use std::future::Future;
use std::pin::Pin;

use bytes::Bytes;
use serde::de::DeserializeOwned;

use crate::call::Call;
use crate::client::Client;
use crate::decode::{self, DecodeFailure, Decoder};
use crate::error::Error;
use crate::response::Response;

/// A decoded body whose type only the generated operation knows.
pub type ErasedBody = Box<dyn Any + Send>;

type ErasedCall<'a> =
    Pin<Box<dyn Future<Output = Result<Response<ErasedBody>, Error>> + Send + 'a>>;

/// Executes `call` through the single instantiation of [`Client::execute`] and returns the body
/// as the `T` that `decode` produced.
pub async fn call<T: 'static>(
    client: &Client,
    call: Call,
    decode: Decoder<ErasedBody>,
) -> Result<Response<T>, Error> {
    let response = execute_erased(client, call, decode).await?;
    if !(**response.body()).is::<T>() {
        return Err(mismatched_decoder::<T>(response.status()));
    }
    Ok(response.map(|body| match body.downcast::<T>() {
        Ok(body) => *body,
        Err(_) => unreachable!("the body type was checked above"),
    }))
}

/// Not generic, so this crate compiles `execute`'s future once, for every bindings crate.
fn execute_erased(client: &Client, call: Call, decode: Decoder<ErasedBody>) -> ErasedCall<'_> {
    Box::pin(client.execute(call, decode))
}

/// The check happens after the response arrived, so the error must not claim nothing was sent:
/// a caller deciding whether to resend would resend a call that took effect.
#[cold]
fn mismatched_decoder<T>(status: u16) -> Error {
    Error::unusable_response(
        status,
        format!(
            "generated code paired a decoder with the wrong body type (expected `{}`)",
            std::any::type_name::<T>()
        ),
    )
}

/// [`decode::decode_json`], boxed for [`call`].
pub fn erased_json<T: DeserializeOwned + Send + 'static>(
    status: u16,
    body: &[u8],
) -> Result<ErasedBody, DecodeFailure> {
    decode::decode_json::<T>(status, body).map(|body| Box::new(body) as ErasedBody)
}

/// [`decode::decode_empty`], boxed for [`call`].
pub fn erased_empty(status: u16, body: &[u8]) -> Result<ErasedBody, DecodeFailure> {
    decode::decode_empty(status, body).map(|body| Box::new(body) as ErasedBody)
}

/// [`decode::decode_text`], boxed for [`call`].
pub fn erased_text(status: u16, body: &[u8]) -> Result<ErasedBody, DecodeFailure> {
    decode::decode_text(status, body).map(|body| Box::new(body) as ErasedBody)
}

/// [`decode::decode_bytes`], boxed for [`call`].
pub fn erased_bytes(status: u16, body: &[u8]) -> Result<ErasedBody, DecodeFailure> {
    decode::decode_bytes(status, body).map(|body: Bytes| Box::new(body) as ErasedBody)
}
