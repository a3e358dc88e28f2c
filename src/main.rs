//! The `claimtab` binary: parses the command line, validates it into a config, calls the
//! library, and maps the outcome to an exit code (see `EXIT_CODES` in cli.rs).

mod cli;

use anyhow::Context;
use claimtab::config::{self, RunConfig, SentencesConfig};
use claimtab::merge::{self, MergeConfig};
use claimtab::pipeline::{self, Summary};
use claimtab::stream::{self, StreamConfig};
use clap::Parser;
use cli::{Cli, Command};
use std::io;
use std::process::ExitCode;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
                shard: args.shard,
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
        Command::Stream(args) => {
            let mut inputs = args.inputs;
            config::check_inputs(&inputs)?;
            merge::sort_inputs(&mut inputs);
            let config = StreamConfig {
                inputs,
                format: args.format,
                threads: args.threads,
                raw: args.raw,
                shard: args.shard,
            };
            let summary = stream::stream(&config, io::stdout().lock())?;
            Ok(finish(&summary))
        }
        Command::Merge(args) => {
            let config = MergeConfig {
                inputs: args.inputs,
                out_dir: args.out,
                raw: args.raw,
                bom: args.bom,
            };
            let summary = merge::merge(&config).context("the merged tables were not written")?;
            eprintln!("claimtab: {summary}");
            Ok(ExitCode::SUCCESS)
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
