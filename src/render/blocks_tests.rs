use super::*;

#[test]
fn lines_are_classified_by_their_start() {
    assert_eq!(
        classify("## Title ##"),
        Line::Heading {
            level: 2,
            text: "Title"
        }
    );
    assert_eq!(
        classify("#hashtag"),
        Line::Text {
            indent: 0,
            text: "#hashtag"
        }
    );
    assert_eq!(
        classify("```rust,ignore"),
        Line::Fence {
            ch: '`',
            len: 3,
            lang: "rust"
        }
    );
    assert_eq!(classify("* * *"), Line::Rule);
    assert_eq!(
        classify("  12) twelve"),
        Line::Item {
            indent: 2,
            marker: Marker::Number("12)".into()),
            text: "twelve"
        }
    );
    assert_eq!(classify("> quoted"), Line::Quote { text: "quoted" });
    assert_eq!(classify("| a | b |"), Line::TableRow("| a | b |"));
    assert_eq!(classify("   "), Line::Blank);
}
