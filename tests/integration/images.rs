//! `--image`: files sent as data URLs typed by their bytes, URLs passed on, and files
//! that are not images, or too large, refused before sending.

use serde_json::json;

use crate::support::*;

#[test]
fn image_files_are_sent_as_data_urls_typed_by_their_bytes() {
    let server = Server::start(vec![answer("a cat")]);
    let cmd = Cmd::at(&server);
    // Names that lie about the format: the bytes decide.
    let files = [
        ("png.jpg", b"\x89PNG\r\n\x1a\nrest".to_vec(), "image/png"),
        ("jpeg.png", b"\xff\xd8\xff\xe0rest".to_vec(), "image/jpeg"),
        ("webp.bin", b"RIFF\x04\0\0\0WEBPVP8 ".to_vec(), "image/webp"),
        ("gif", b"GIF89a\x01\0".to_vec(), "image/gif"),
    ];
    let mut args: Vec<std::ffi::OsString> = Vec::new();
    for (name, bytes, _) in &files {
        args.push("--image".into());
        args.push(cmd.file(name, bytes).into());
    }
    args.extend(["--image".into(), "https://example.test/cat.png".into()]);
    args.extend([
        "--image-detail".into(),
        "high".into(),
        "what is this?".into(),
    ]);
    cmd.args(args).run().success().stdout("a cat\n");

    use base64::Engine;
    let mut expected = vec![json!({"type": "text", "text": "what is this?"})];
    for (_, bytes, mime) in &files {
        let data = base64::engine::general_purpose::STANDARD.encode(bytes);
        expected.push(json!({"type": "image_url",
            "image_url": {"url": format!("data:{mime};base64,{data}"), "detail": "high"}}));
    }
    expected.push(json!({"type": "image_url", "image_url": {"url": "https://example.test/cat.png", "detail": "high"}}));
    assert_eq!(
        server.request().json()["messages"][0]["content"],
        json!(expected)
    );
}

#[test]
fn unsupported_or_oversized_images_are_refused_before_sending() {
    let server = Server::start(vec![]);
    let cmd = Cmd::at(&server);
    let pdf = cmd.file("doc.png", b"%PDF-1.7 not an image");
    let assert = cmd
        .args(["--image".as_ref(), pdf.as_os_str(), "hi".as_ref()])
        .run()
        .code(2);
    assert!(
        stderr(&assert).contains("not PNG, JPEG, WebP or GIF"),
        "{}",
        stderr(&assert)
    );

    let cmd = Cmd::at(&server);
    let big = cmd.file("big.png", b"\x89PNG\r\n\x1a\n");
    std::fs::File::options()
        .write(true)
        .open(&big)
        .and_then(|f| f.set_len(21 * 1024 * 1024)) // sparse: cheap to make
        .unwrap();
    let assert = cmd
        .args(["--image".as_ref(), big.as_os_str(), "hi".as_ref()])
        .run()
        .code(2);
    assert!(
        stderr(&assert).contains("at most 20 MB"),
        "{}",
        stderr(&assert)
    );
    assert!(server.requests().is_empty());
}
