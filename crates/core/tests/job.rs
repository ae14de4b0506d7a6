//! The stepwise job gives exactly the pipeline's result, and its progress only grows.

use gloss_core::job::Job;
use gloss_core::protocol::Contract;
use gloss_core::{annotate_workspace, Article};

fn articles() -> Vec<Article> {
    let a = "<h1>Ports reopen</h1><p>Amira Haddad met Jonas Lindqvist in Valencia on Monday, \
             <a href=\"https://www.example-news.com/world/ports-reopen-7731\">officials said</a>.</p>";
    let b = "Jonas Lindqvist, who leads the Harbour Authority, said the port would reopen.\n\n\"Soon,\" he told reporters.";
    vec![
        Article {
            source: "a.html".into(),
            input: a.into(),
        },
        Article {
            source: "b.txt".into(),
            input: b.into(),
        },
        Article {
            source: "empty".into(),
            input: String::new(),
        },
        Article {
            source: "huge".into(),
            input: "x".repeat(gloss_core::pipeline::DEFAULT_MAX_BYTES + 1),
        },
    ]
}

#[test]
fn stepping_gives_the_pipeline_result() {
    let mut job = Job::new(articles());
    let mut last = job.progress();
    assert_eq!(last.done, 0);
    assert!(
        last.next.contains("reading article 1 of 4"),
        "{}",
        last.next
    );
    let mut steps = 0;
    let mut names_step_seen = false;
    while job.step() {
        let p = job.progress();
        assert!(
            p.done >= last.done && p.total == last.total,
            "{p:?} after {last:?}"
        );
        names_step_seen |= p.next.contains("finding names");
        last = p;
        steps += 1;
    }
    assert!(job.is_done());
    assert_eq!(
        steps,
        4 * 2 + 1,
        "two steps per article and one for the workspace"
    );
    assert!(names_step_seen);
    assert_eq!(last.done, last.total);
    assert_eq!(last.fraction(), 1.0);
    let stepped = Contract::from_workspace(&job.finish());
    let direct = Contract::from_workspace(&annotate_workspace(&articles()));
    assert_eq!(stepped, direct);
    assert!(stepped
        .diagnostics
        .iter()
        .any(|d| d.contains("huge") && d.contains("limit")));
}

#[test]
fn an_empty_job_is_done_after_one_step() {
    let mut job = Job::new(Vec::new());
    assert!(job.step());
    assert!(!job.step());
    assert_eq!(job.progress().fraction(), 1.0);
    assert!(job.finish().documents.is_empty());
}
