//! One generic paginator for every paginated operation: by item offset and limit, by page
//! number and page size ([`PagedRequest::page_numbering`]), or by marker, where each page says
//! where the next one starts ([`PagedRequest::set_marker`], [`PagedResponse::next_marker`]).
//!
//! Paging stops at an empty page, when the items seen reach `total_count` (read afresh on every
//! page, so a total that shrinks while paging ends it early), or, when the service reports no
//! total, at a page shorter than the limit.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures::stream::{self, BoxStream, Stream, StreamExt};

use crate::error::Error;
use crate::response::Response;

/// A request whose page can be chosen by offset and limit (implemented by generated code).
pub trait PagedRequest: Clone + Send + Sync + 'static {
    /// The offset this request starts at, if set.
    fn page_offset(&self) -> Option<u64>;
    /// The page size this request asks for, if set.
    fn page_limit(&self) -> Option<u64>;
    /// Sets offset (or page number) and limit (`None` leaves the limit to the service).
    fn set_page(&mut self, offset: u64, limit: Option<u64>);
    /// `Some(first)` when the offset is a page number counted from `first` (`page`/`page_size`
    /// APIs) rather than an item offset; `None`, the default, for item offsets.
    fn page_numbering() -> Option<u64> {
        None
    }
    /// Whether the request pages by marker: then the paginator calls [`Self::set_marker`]
    /// with each page's [`PagedResponse::next_marker`] instead of moving an offset.
    fn pages_by_marker() -> bool {
        false
    }
    /// Sets the marker the next page starts after (marker paging only).
    fn set_marker(&mut self, marker: String) {
        let _ = marker;
    }
}

/// A response that holds one page (implemented by generated code).
pub trait PagedResponse: Send + 'static {
    /// One element of a page.
    type Item: Send + 'static;
    /// Items on this page.
    fn page_len(&self) -> usize;
    /// Total items across all pages, when the service reports it.
    fn total_count(&self) -> Option<u64>;
    /// The page's items.
    fn into_page_items(self) -> Vec<Self::Item>;
    /// Where the next page starts, for marker paging: `None` (or an empty marker) on the last
    /// page.
    fn next_marker(&self) -> Option<String> {
        None
    }
}

type PageStream<P> = BoxStream<'static, Result<Response<P>, Error>>;
type StartPaging<P> = Box<dyn FnOnce(Option<u64>) -> PageStream<P> + Send>;

/// A stream of pages; see [`Paginator::items`] for a stream of items.
///
/// Nothing is requested until the stream is polled. The first error ends the stream.
pub struct Paginator<P: PagedResponse> {
    start: Option<StartPaging<P>>,
    page_size: Option<u64>,
    pages: Option<PageStream<P>>,
}

struct PageState<Q, F> {
    request: Q,
    fetch: F,
    /// What the next request asks for: an item offset or a page number.
    position: u64,
    /// Items on the pages before `position`, compared with the reported total.
    items_before: u64,
    limit: Option<u64>,
    /// The marker the next page starts after (marker paging).
    marker: Option<String>,
    done: bool,
}

impl<P: PagedResponse> Paginator<P> {
    /// Pages through `request`, calling `fetch` for each page.
    pub fn new<Q, F, Fut>(request: Q, fetch: F) -> Self
    where
        Q: PagedRequest,
        F: Fn(Q) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<Response<P>, Error>> + Send + 'static,
    {
        let start = move |page_size: Option<u64>| -> PageStream<P> {
            let limit = page_size.or_else(|| request.page_limit());
            let (position, items_before) = match Q::page_numbering() {
                None => {
                    let offset = request.page_offset().unwrap_or(0);
                    (offset, offset)
                }
                Some(first) => {
                    let page = request.page_offset().unwrap_or(first).max(first);
                    (page, (page - first).saturating_mul(limit.unwrap_or(0)))
                }
            };
            let state = PageState {
                request,
                fetch,
                position,
                items_before,
                limit,
                marker: None,
                done: false,
            };
            stream::unfold(state, next_page).boxed()
        };
        Self { start: Some(Box::new(start)), page_size: None, pages: None }
    }

    /// Items per page (overrides the request's own limit).
    pub fn page_size(mut self, limit: u64) -> Self {
        self.page_size = Some(limit);
        self
    }

    /// A stream of the items of every page, in order.
    pub fn items(self) -> impl Stream<Item = Result<P::Item, Error>> + Send {
        self.flat_map(|page| {
            let items: Vec<Result<P::Item, Error>> = match page {
                Ok(response) => {
                    response.into_body().into_page_items().into_iter().map(Ok).collect()
                }
                Err(error) => vec![Err(error)],
            };
            stream::iter(items)
        })
    }
}

async fn next_page<Q, F, Fut, P>(
    mut state: PageState<Q, F>,
) -> Option<(Result<Response<P>, Error>, PageState<Q, F>)>
where
    Q: PagedRequest,
    F: Fn(Q) -> Fut,
    Fut: Future<Output = Result<Response<P>, Error>>,
    P: PagedResponse,
{
    if state.done {
        return None;
    }
    let mut request = state.request.clone();
    let previous_marker = state.marker.clone();
    if Q::pages_by_marker() {
        request.set_page(0, state.limit);
        if let Some(marker) = state.marker.take() {
            request.set_marker(marker);
        }
    } else {
        request.set_page(state.position, state.limit);
    }
    let response = match (state.fetch)(request).await {
        Ok(response) => response,
        Err(error) => {
            state.done = true;
            return Some((Err(error), state));
        }
    };
    let len = response.page_len() as u64;
    state.items_before = state.items_before.saturating_add(len);
    state.position = match Q::page_numbering() {
        None => state.position.saturating_add(len),
        Some(_) => state.position.saturating_add(1),
    };
    if Q::pages_by_marker() {
        let next = response.next_marker().filter(|marker| !marker.is_empty());
        // A marker that does not move would fetch the same page forever.
        state.done = len == 0 || next.is_none() || next == previous_marker;
        state.marker = next;
        return Some((Ok(response), state));
    }
    state.done = match response.total_count() {
        _ if len == 0 => true,
        Some(total) => state.items_before >= total,
        None => state.limit.is_some_and(|limit| len < limit),
    };
    Some((Ok(response), state))
}

impl<P: PagedResponse> Stream for Paginator<P> {
    type Item = Result<Response<P>, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        if let Some(start) = this.start.take() {
            this.pages = Some(start(this.page_size));
        }
        match &mut this.pages {
            Some(pages) => pages.poll_next_unpin(cx),
            None => Poll::Ready(None),
        }
    }
}

impl<P: PagedResponse> std::fmt::Debug for Paginator<P> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Paginator")
            .field("page_size", &self.page_size)
            .field("started", &self.pages.is_some())
            .finish()
    }
}
