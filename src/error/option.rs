//! An `-o KEY=VALUE` that cannot be sent (exit 2, through [`super::Problem::Option`]).

#[derive(Debug, thiserror::Error)]
pub enum OptionProblem {
    #[error(
        "-o {0} is not KEY=VALUE: write e.g. -o top_k=40, -o service_tier=flex or \
         -o stream_options.include_obfuscation=false"
    )]
    Form(String),
    #[error("-o {key}: oaichat sets that field itself; {fix}")]
    Refused { key: String, fix: &'static str },
    #[error("-o {key} and {flag} set the same field: give one of them")]
    Twice { key: String, flag: String },
}
