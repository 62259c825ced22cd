//! A tool's result as text for the model. A Chat Completions `tool` message carries text,
//! so text parts are passed on as they are and every other part (an image, audio, a
//! binary resource) is named in brackets with its type and size, so that the model knows
//! something came that it cannot see.

use rmcp::model::{CallToolResult, ContentBlock, ResourceContents};

use super::CallResult;

/// The result's parts, one after another on their own lines.
pub fn call_result(result: CallToolResult) -> CallResult {
    let mut parts: Vec<String> = result.content.iter().map(describe).collect();
    if parts.is_empty()
        && let Some(structured) = &result.structured_content
    {
        // A server may answer with structured content alone.
        parts.push(structured.to_string());
    }
    CallResult {
        text: parts.join("\n"),
        is_error: result.is_error == Some(true),
    }
}

fn describe(part: &ContentBlock) -> String {
    match part {
        ContentBlock::Text(text) => text.text.clone(),
        ContentBlock::Image(image) => {
            format!(
                "[image {}, {} bytes]",
                image.mime_type,
                decoded_len(&image.data)
            )
        }
        ContentBlock::Audio(audio) => {
            format!(
                "[audio {}, {} bytes]",
                audio.mime_type,
                decoded_len(&audio.data)
            )
        }
        ContentBlock::Resource(embedded) => match &embedded.resource {
            ResourceContents::TextResourceContents { uri, text, .. } => {
                format!("[resource {uri}]\n{text}")
            }
            ResourceContents::BlobResourceContents {
                uri,
                mime_type,
                blob,
                ..
            } => {
                let kind = mime_type.as_deref().unwrap_or("binary");
                format!("[resource {uri}: {kind}, {} bytes]", decoded_len(blob))
            }
            // The enum is non-exhaustive: a kind of resource added later.
            _ => "[resource]".to_string(),
        },
        ContentBlock::ResourceLink(link) => format!("[resource link {}]", link.uri),
        // The enum is non-exhaustive: a kind of content added later.
        _ => "[content oaichat cannot show]".to_string(),
    }
}

/// The size of base64 `data` once decoded, without decoding it.
fn decoded_len(data: &str) -> usize {
    let data = data.trim_end();
    let padding = data.bytes().rev().take_while(|&b| b == b'=').count();
    (data.len() / 4 * 3 + (data.len() % 4).saturating_sub(1)).saturating_sub(padding)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn result(value: serde_json::Value) -> CallResult {
        call_result(serde_json::from_value(value).unwrap())
    }

    #[test]
    fn text_is_joined_and_other_parts_are_named_with_their_size() {
        let got = result(json!({"content": [
            {"type": "text", "text": "two images:"},
            {"type": "image", "data": "aGVsbG8=", "mimeType": "image/png"},
            {"type": "audio", "data": "aGk=", "mimeType": "audio/wav"},
            {"type": "resource", "resource": {"uri": "file:///a.txt", "text": "A"}},
            {"type": "resource", "resource": {"uri": "file:///b", "blob": "AAAA"}},
            {"type": "resource_link", "uri": "file:///c", "name": "c"}
        ]}));
        assert_eq!(
            got,
            CallResult {
                text: "two images:\n[image image/png, 5 bytes]\n[audio audio/wav, 2 bytes]\n\
                       [resource file:///a.txt]\nA\n[resource file:///b: binary, 3 bytes]\n\
                       [resource link file:///c]"
                    .into(),
                is_error: false,
            }
        );
    }

    #[test]
    fn an_error_result_says_so_and_structured_content_stands_in_for_none() {
        let failed = result(json!({"content": [{"type": "text", "text": "no"}], "isError": true}));
        assert_eq!(
            failed,
            CallResult {
                text: "no".into(),
                is_error: true
            }
        );
        let structured = result(json!({"content": [], "structuredContent": {"t": 1}}));
        assert_eq!(structured.text, r#"{"t":1}"#);
    }

    #[test]
    fn decoded_sizes_follow_the_padding() {
        let sizes: Vec<usize> = ["", "QQ==", "QUI=", "QUJD", "QUJDRA"]
            .map(decoded_len)
            .into();
        assert_eq!(sizes, [0, 1, 2, 3, 4]);
    }
}
