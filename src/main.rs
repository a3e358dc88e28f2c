//! The `claimtab` binary: parses the command line, validates it into a config, calls the
//! library, and maps the outcome to an exit code (see `EXIT_CODES` in cli.rs).

mod cli;

use anyhow::Context;
use claimtab::config::{RunConfig, SentencesConfig};
use claimtab::pipeline::{self, Summary};
use clap::Parser;
use cli::{Cli, Command};
use std::process::ExitCode;

fn main() -> ExitCode {
    // clap exits with 2 on a usage error and 0 on --help / --version.
    let cli = Cli::parse();
    match dispatch(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("claimtab: error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn dispatch(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Run(args) => {
            let config = RunConfig {
                inputs: args.inputs,
                out_dir: args.out,
                threads: args.common.threads,
                progress: args.common.progress,
                raw: args.common.raw,
                bom: args.common.bom,
            }
            .validated()?;
            let summary = pipeline::run(&config).context("the tables were not written")?;
            Ok(finish(&summary))
        }
        Command::Sentences(args) => {
            let config = SentencesConfig {
                inputs: args.inputs,
                out_file: args.out,
                threads: args.common.threads,
                progress: args.common.progress,
                raw: args.common.raw,
                bom: args.common.bom,
            }
            .validated()?;
            let summary = pipeline::sentences(&config).context("sentences.csv was not written")?;
            Ok(finish(&summary))
        }
        Command::Eval(args) => {
            let report = claimtab::eval::run(&args.claims, &args.gold)?;
            print!("{report}");
            if args.details {
                print!("{}", report.details());
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Prints the closing line; exit code 1 if any record failed.
fn finish(summary: &Summary) -> ExitCode {
    eprintln!("claimtab: {summary}");
    if summary.errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
