//! Azure OpenAI, both forms, against the local server: the v1 API (`/openai/v1`) and
//! deployments (`/openai/deployments/NAME/…?api-version=…`), each with the key in the
//! `api-key` header; from a profile and from the official SDK's variables.

use serde_json::json;

use crate::support::*;

const AZURE_KEY: &str = "azure-key-SECRET-90ab";

/// The server's root (`http://127.0.0.1:PORT`), as an Azure endpoint is written.
fn endpoint(server: &Server) -> String {
    server.base_url().trim_end_matches("/v1").to_string()
}

/// A command whose config file has `[profiles.az]` with `azure` set to `table`.
fn with_profile(table: &str) -> Cmd {
    let cmd = Cmd::new().env("AZURE_OPENAI_API_KEY", AZURE_KEY);
    let toml = format!("[profiles.az]\nazure = {table}\napi_key_env = \"AZURE_OPENAI_API_KEY\"\n");
    let path = cmd.file("oaichat.toml", toml);
    let path = path.to_str().expect("a UTF-8 path").to_string();
    cmd.env("OAICHAT_CONFIG", &path).args(["-p", "az"])
}

/// The key went in `api-key`, and no `Authorization` was sent at all.
fn signed_for_azure(request: &Recorded) {
    assert_eq!(request.header("api-key"), Some(AZURE_KEY));
    assert_eq!(request.header("authorization"), None);
}

fn models_body() -> Reply {
    Reply::json(
        200,
        &json!({"object": "list", "data": [{"id": "gpt-4o", "object": "model"}]}),
    )
}

#[test]
fn a_deployment_profile_posts_to_the_deployment_with_the_api_version() {
    let server = Server::start(vec![answer("ok"), models_body()]);
    let table = format!(
        "{{ endpoint = \"{}/\", deployment = \"gpt-4o-prod\", api_version = \"2024-10-21\" }}",
        endpoint(&server)
    );
    let assert = with_profile(&table)
        .args(["hi"])
        .run()
        .success()
        .stdout("ok\n");
    assert!(!String::from_utf8_lossy(&assert.get_output().stderr).contains(AZURE_KEY));
    with_profile(&table)
        .args(["models"])
        .run()
        .success()
        .stdout("gpt-4o\n");
    let requests = server.requests();
    assert_eq!(
        requests[0].path,
        "/openai/deployments/gpt-4o-prod/chat/completions?api-version=2024-10-21"
    );
    assert_eq!(requests[1].path, "/openai/models?api-version=2024-10-21");
    requests.iter().for_each(signed_for_azure);
}

#[test]
fn an_endpoint_alone_is_the_v1_api() {
    let server = Server::start(vec![answer("ok"), models_body()]);
    let table = format!("{{ endpoint = \"{}\" }}", endpoint(&server));
    with_profile(&table)
        .args(["-m", "gpt-4o", "hi"])
        .run()
        .success();
    with_profile(&table)
        .args(["models"])
        .run()
        .success()
        .stdout("gpt-4o\n");
    let requests = server.requests();
    assert_eq!(requests[0].path, "/openai/v1/chat/completions");
    assert_eq!(requests[0].json()["model"], "gpt-4o");
    assert_eq!(requests[1].path, "/openai/v1/models");
    requests.iter().for_each(signed_for_azure);
}

#[test]
fn the_sdks_variables_reach_azure_with_the_model_as_the_deployment() {
    let server = Server::start(vec![answer("ok"), answer("ok")]);
    let azure = |cmd: Cmd| {
        cmd.env_remove("OPENAI_API_KEY")
            .env("AZURE_OPENAI_ENDPOINT", &endpoint(&server))
            .env("AZURE_OPENAI_API_KEY", AZURE_KEY)
    };
    azure(Cmd::new())
        .env("OPENAI_API_VERSION", "2025-01-01-preview")
        .args(["-m", "my-dep", "hi"])
        .run()
        .success();
    azure(Cmd::new())
        .args(["-m", "gpt-4o", "hi"])
        .run()
        .success();
    let requests = server.requests();
    assert_eq!(
        requests[0].path,
        "/openai/deployments/my-dep/chat/completions?api-version=2025-01-01-preview"
    );
    assert_eq!(requests[1].path, "/openai/v1/chat/completions");
    requests.iter().for_each(signed_for_azure);
}

#[test]
fn a_missing_azure_key_or_a_deployment_without_a_version_is_refused() {
    let server = Server::start(vec![]);
    let assert = Cmd::new()
        .env("AZURE_OPENAI_ENDPOINT", &endpoint(&server))
        .args(["hi"])
        .run()
        .code(2);
    assert!(
        stderr(&assert).contains("AZURE_OPENAI_API_KEY is not set"),
        "{}",
        stderr(&assert)
    );
    let table = format!(
        "{{ endpoint = \"{}\", deployment = \"d\" }}",
        endpoint(&server)
    );
    let assert = with_profile(&table).args(["hi"]).run().code(2);
    assert!(
        stderr(&assert).contains("profiles.az.azure.deployment: needs api_version too"),
        "{}",
        stderr(&assert)
    );
    let table = format!(
        "{{ endpoint = \"{}\", api_version = \"v\" }}",
        endpoint(&server)
    );
    let assert = with_profile(&table).args(["-m", "a/b", "hi"]).run().code(2);
    assert!(stderr(&assert).contains("cannot name an Azure deployment"));
    assert!(server.requests().is_empty());
}

/// Azure serves the Responses API only in its v1 API, the deployment named by `model`: a
/// deployment profile's Responses requests go there (no api-version), signed the same way.
#[test]
fn the_responses_api_is_asked_at_the_v1_path_with_the_deployment_as_the_model() {
    let server = Server::start(vec![responses_answer("Hi."), responses_answer("Hi.")]);
    let table = format!(
        "{{ endpoint = \"{}\", deployment = \"o3-pro-prod\", api_version = \"2024-10-21\" }}",
        endpoint(&server)
    );
    with_profile(&table)
        .args(["-m", "o3-pro", "hi"])
        .run()
        .success()
        .stdout("Hi.\n");
    let v1 = format!("{{ endpoint = \"{}\" }}", endpoint(&server));
    with_profile(&v1)
        .args(["--api", "responses", "-m", "my-gpt5", "hi"])
        .run()
        .success()
        .stdout("Hi.\n");
    let requests = server.requests();
    for (request, deployment) in requests.iter().zip(["o3-pro-prod", "my-gpt5"]) {
        assert_eq!(request.path, "/openai/v1/responses");
        assert_eq!(request.json()["model"], deployment);
        signed_for_azure(request);
    }
    assert_eq!(requests.len(), 2);
}
