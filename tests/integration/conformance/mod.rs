//! Conformance to the API reference, OpenAI's OpenAPI spec (its copy in
//! tests/fixtures/openapi/, read at test time): field names, shapes, events and error
//! bodies must match it exactly.
//!
//! What passing proves: every request body the binary sent through the local server, for
//! a representative set of flags on both APIs, is a `CreateChatCompletionRequest` or a
//! `CreateResponse` with no key the spec does not define (stricter than the spec, whose
//! objects are mostly open, to catch misspellings); and every body and stream event the
//! fake servers answer with (chat, Responses, errors, files and batches) is the spec's
//! shape, so the other tests run against a faithful fake. The checker is in
//! support/spec/; `checker` shows it failing where it should.

mod answers;
mod batch;
mod checker;
mod requests;
