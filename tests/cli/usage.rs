//! Usage and output errors: exit code 2, before or instead of a run.

use super::*;

#[test]
fn a_missing_input_is_a_usage_error_before_anything_runs() {
    let out = scratch("missing");
    let output = run(&[
        "run".as_ref(),
        "data/sample".as_ref(),
        "no/such/folder".as_ref(),
        "--out".as_ref(),
        out.join("tables").as_os_str(),
    ]);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("input not found: no/such/folder"),
        "{}",
        stderr(&output)
    );
    assert!(!out.join("tables").exists(), "nothing was written");
}

#[test]
fn bad_options_and_unsupported_inputs_exit_2() {
    for args in [
        vec!["run"],
        vec!["run", "data/sample", "--threads", "many"],
        vec!["run", "data/sample", "--progress", "sometimes"],
        vec!["run", "Cargo.toml"],
        vec!["run", "-", "-"],
        vec!["frobnicate"],
    ] {
        assert_eq!(code(&run(&args)), 2, "{args:?}");
    }
}

#[test]
fn an_output_folder_that_cannot_be_made_is_an_output_error() {
    let dir = scratch("outfile");
    let file = dir.join("plain-file");
    fs::write(&file, "x").unwrap();
    for out in [file.clone(), file.join("sub")] {
        let output = run(&[
            "run".as_ref(),
            "data/sample".as_ref(),
            "--out".as_ref(),
            out.as_os_str(),
        ]);
        assert_eq!(code(&output), 2, "{}", stderr(&output));
    }
}

#[test]
fn help_documents_the_exit_codes() {
    for args in [vec!["--help"], vec!["run", "--help"]] {
        let output = run(&args);
        assert_eq!(code(&output), 0);
        let help = String::from_utf8(output.stdout).unwrap();
        for line in [
            "Exit codes:",
            "  0  every input record",
            "  1  some records",
            "  2  usage error",
        ] {
            assert!(help.contains(line), "{args:?} --help lacks {line:?}");
        }
    }
}
