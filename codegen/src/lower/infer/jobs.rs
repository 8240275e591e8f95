//! Job waiters worked out from the operation that reports an asynchronous job or task.
//!
//! The shape: a `GET …/<collection>/{id}` whose collection's last word is `job(s)` or `task(s)`
//! (`jobs`, `job`, `import-tasks`, `async-job`, …), answering an object with a status field
//! (`status`, `job_status`, `task_status`, `state`; or a `status` object with a `phase` or
//! `status`; each perhaps inside a `job`/`task` object) whose values include a success. The
//! values come from the field's enum or, for a plain string, from its description, where the
//! exports list them (`SUCCESS:成功`, `- FAILED:失败`, `RUNNING(运行中)`). Failure values are
//! optional: a job that reports failure elsewhere (DNS tasks end `DONE` with an error count)
//! still ends, and the waiter's time limit covers a job that never does.

use crate::model::*;

/// Last words of a collection whose members are asynchronous jobs.
const JOB_WORDS: [&str; 4] = ["job", "jobs", "task", "tasks"];
/// Names of a job's status field, most common first.
const STATUS_NAMES: [&str; 4] = ["status", "job_status", "task_status", "state"];
/// Objects a response wraps its job in (`{"job": {"status": …}}`).
const WRAPPERS: [&str; 2] = ["job", "task"];
/// Status values that end a job successfully, lower case.
const SUCCESS_WORDS: [&str; 9] = [
    "success",
    "succeeded",
    "succeed",
    "successed",
    "successful",
    "completed",
    "complete",
    "finished",
    "done",
];
/// Status values that end a job unsuccessfully, lower case.
const FAILURE_WORDS: [&str; 9] = [
    "fail",
    "failed",
    "failure",
    "error",
    "timeout",
    "timedout",
    "cancel",
    "canceled",
    "cancelled",
];

/// An inferred waiter and whether its operation is the canonical job query: its collection is
/// exactly `jobs` or `tasks` (`GET /v1/{project_id}/jobs/{job_id}`), the one that keeps the
/// plain name when several would share it.
pub(super) struct JobWaiter {
    pub waiter: Waiter,
    pub canonical: bool,
}

/// The waiter for `op` when it reports a job, named `job_finished` or `task_finished` after its
/// collection (the caller renames waiters whose names collide).
pub(super) fn infer_job_waiter(api: &Api, op: &Operation) -> Option<JobWaiter> {
    let (word, canonical) = job_word(&op.path)?;
    if op.method != HttpMethod::Get || !super::json_bodies(op) {
        return None;
    }
    let body = api.struct_of(op.success_body()?)?;
    let (field, success, failure) = job_status(api, body, "").or_else(|| {
        WRAPPERS.iter().find_map(|wrapper| {
            let inner = body.fields.iter().find(|f| f.wire_name == *wrapper)?;
            job_status(api, api.struct_of(&inner.ty)?, &format!("/{wrapper}"))
        })
    })?;
    let waiter = Waiter {
        name: format!("{word}_finished"),
        field,
        success,
        failure,
        success_on_not_found: false,
        delay_seconds: 5,
        max_wait_seconds: 1800,
        loc: op.loc.clone(),
    };
    Some(JobWaiter { waiter, canonical })
}

/// `job` or `task` when `path` names one member of a job collection, and whether the
/// collection is exactly `jobs` or `tasks`.
fn job_word(path: &str) -> Option<(&'static str, bool)> {
    let mut segments = path.trim_end_matches('/').rsplit('/');
    let id = segments.next()?;
    let collection = segments.next()?.to_ascii_lowercase();
    let last_word = collection.rsplit(['-', '_']).next()?;
    if !id.starts_with('{') || !JOB_WORDS.contains(&last_word) {
        return None;
    }
    let canonical = collection == "jobs" || collection == "tasks";
    Some((if last_word.starts_with("job") { "job" } else { "task" }, canonical))
}

/// The pointer, success values and failure values of the status field of `shape`.
fn job_status(
    api: &Api,
    shape: &StructDef,
    prefix: &str,
) -> Option<(String, Vec<String>, Vec<String>)> {
    STATUS_NAMES
        .iter()
        .find_map(|name| {
            let field = shape.fields.iter().find(|f| f.wire_name == *name)?;
            if let Some((success, failure)) = outcomes(&status_values(api, field)?) {
                return Some((format!("{prefix}/{name}"), success, failure));
            }
            None
        })
        .or_else(|| {
            // A Kubernetes-style `status` object: `{"status": {"phase": "Success"}}`.
            let status = shape.fields.iter().find(|f| f.wire_name == "status")?;
            let inner = api.struct_of(&status.ty)?;
            ["phase", "status"].iter().find_map(|name| {
                let field = inner.fields.iter().find(|f| f.wire_name == *name)?;
                let (success, failure) = outcomes(&status_values(api, field)?)?;
                Some((format!("{prefix}/status/{name}"), success, failure))
            })
        })
}

/// The values a status field takes: its enum's, or those its description lists.
fn status_values(api: &Api, field: &Field) -> Option<Vec<String>> {
    if let Some(TypeDef { kind: TypeKind::StringEnum(def), .. }) = api.definition(&field.ty) {
        return Some(def.values.clone());
    }
    if !matches!(api.resolve(&field.ty), TypeRef::Primitive(Primitive::String)) {
        return None;
    }
    let text = [&field.docs.summary, &field.docs.description]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join("\n");
    Some(documented_values(&text))
}

/// The success and failure values among `values`, compared without case; `None` without a
/// success value.
fn outcomes(values: &[String]) -> Option<(Vec<String>, Vec<String>)> {
    let pick = |words: &[&str]| -> Vec<String> {
        values
            .iter()
            .filter(|v| words.contains(&v.to_ascii_lowercase().as_str()))
            .cloned()
            .collect()
    };
    let success = pick(&SUCCESS_WORDS);
    (!success.is_empty()).then(|| (success, pick(&FAILURE_WORDS)))
}

/// Words a description lists as values: a word written as a term being defined, that is,
/// followed by `:`, `：`, `(`, `（`, a closing quote or, after a space, text in another script
/// (`FINISHED 已完成`), or opened by a quote. Prose such as "returns error if" lists nothing.
pub(super) fn documented_values(text: &str) -> Vec<String> {
    let mut values: Vec<String> = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut index = 0;
    while index < chars.len() {
        if !chars[index].is_ascii_alphabetic() {
            index += 1;
            continue;
        }
        let start = index;
        while index < chars.len() && (chars[index].is_ascii_alphanumeric() || chars[index] == '_') {
            index += 1;
        }
        let word: String = chars[start..index].iter().collect();
        let quoted = start > 0 && matches!(chars[start - 1], '"' | '“' | '\'' | '`');
        let mut after = index;
        while after < chars.len() && chars[after] == ' ' {
            after += 1;
        }
        let defined = match chars.get(after) {
            Some(':' | '：' | '(' | '（' | '"' | '”' | '\'' | '`') => true,
            Some(next) if after > index => {
                !next.is_ascii() && !next.is_whitespace() && !"，、。".contains(*next)
            }
            _ => false,
        };
        if (quoted || defined) && !values.contains(&word) {
            values.push(word);
        }
    }
    values
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        documented_values(text)
    }

    #[test]
    fn values_listed_in_descriptions_are_found() {
        assert_eq!(words("Job的状态。\nSUCCESS:成功。\nFAIL:失败。"), ["SUCCESS", "FAIL"]);
        assert_eq!(words("- PENDING：执行中\n- DONE：已完成"), ["PENDING", "DONE"]);
        assert_eq!(
            words("如RUNNING(运行中)、SUCCESS(成功)、FAILED(失败)"),
            ["RUNNING", "SUCCESS", "FAILED"]
        );
        assert_eq!(
            words("WAITING 等待翻译。\nFINISHED 翻译已经完成。\nERROR 翻译出错。"),
            ["WAITING", "FINISHED", "ERROR"]
        );
        assert_eq!(
            words("success:成功,failure:失败,running:运行中"),
            ["success", "failure", "running"]
        );
        assert_eq!(words(r#"- JobPhaseFailed JobPhase = "Failed""#), ["Failed"]);
    }

    #[test]
    fn prose_lists_no_values() {
        assert!(
            words("Returns an error if the job is unknown; success is reported later.").is_empty()
        );
        assert!(words("job状态").is_empty());
        assert!(words("使用ECS、EVS,。").is_empty());
    }

    #[test]
    fn job_paths_name_their_collection() {
        assert_eq!(job_word("/v1/{project_id}/jobs/{job_id}"), Some(("job", true)));
        assert_eq!(job_word("/v1.0/{project_id}/job/{job_id}"), Some(("job", false)));
        let import = "/v2/{project_id}/datasets/{id}/import-tasks/{task_id}";
        assert_eq!(job_word(import), Some(("task", false)));
        assert_eq!(job_word("/v1/{project_id}/waf/async-job/{job_id}"), Some(("job", false)));
        assert_eq!(job_word("/v1/{project_id}/jobs"), None);
        assert_eq!(job_word("/v1/{project_id}/jobs/{job_id}/logs"), None);
        assert_eq!(job_word("/v1/{project_id}/servers/{server_id}"), None);
    }

    #[test]
    fn a_success_value_is_required_and_failures_are_optional() {
        let values = |list: &[&str]| list.iter().map(|v| v.to_string()).collect::<Vec<_>>();
        assert_eq!(
            outcomes(&values(&["INIT", "RUNNING", "SUCCESS", "FAIL"])),
            Some((values(&["SUCCESS"]), values(&["FAIL"])))
        );
        assert_eq!(outcomes(&values(&["PENDING", "DONE"])), Some((values(&["DONE"]), vec![])));
        assert_eq!(outcomes(&values(&["INIT", "RUNNING", "STOPPED"])), None);
        assert_eq!(outcomes(&values(&["SUCCESS_RESET", "FAILED_RESET"])), None);
    }
}
