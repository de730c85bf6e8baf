//! The `regionreport` command: parse arguments, run, print problems once, pick the exit code.

mod cli;
mod progress_line;

use std::process::ExitCode;

use clap::Parser;
use regionreport::diagnostics::{Counts, Diagnostic};
use regionreport::site::{BuildError, BuildOptions};
use regionreport::{say, warn_user};

// A build makes and drops millions of small strings and JSON values (template contexts);
// mimalloc does that in about a tenth fewer instructions overall than the system allocator.
// Its version 2 (the `v2` feature), not 3: at 100,000 articles version 3 kept 2.2 GB
// resident for a live heap of a few hundred MB (pages freed by another thread than the one
// that made them are abandoned, not reused), version 2 half that, and it is quicker.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Exit codes: 0 success, 1 mistakes in the content, 2 usage or I/O errors.
const EXIT_CONTENT: u8 = 1;
const EXIT_OTHER: u8 = 2;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let level = if cli.verbose { "debug" } else { "info" };
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or(level)).format_timestamp(None).format_target(false).init();
    match cli.command {
        cli::Command::Build(args) => build(args),
        cli::Command::Check(args) => check(args),
        cli::Command::Schema(args) => schema(args),
        cli::Command::Serve(args) => serve(args),
        cli::Command::Import(args) => import(args, cli.verbose),
    }
}

fn import(args: cli::ImportArgs, verbose: bool) -> ExitCode {
    use regionreport::import::{self, ImportOptions, SiteFacts};
    if args.slug.is_some() && args.inputs.len() > 1 {
        warn_user!("error: --slug names one article; it cannot be given with {} inputs", args.inputs.len());
        return ExitCode::from(EXIT_OTHER);
    }
    let mut site = match SiteFacts::load(&args.root) {
        Ok(site) => site,
        Err(why) => {
            warn_user!("error: {why}");
            return ExitCode::from(EXIT_OTHER);
        }
    };
    let options = ImportOptions { root: args.root.clone(), region: args.region, date: args.date, slug: args.slug };
    let mut failed = 0;
    for input in &args.inputs {
        let outcome = import::import(input, &site, &options).and_then(|imported| {
            if !args.stdout {
                import::write(&args.root, &imported, args.force)?;
            }
            Ok(imported)
        });
        match outcome {
            Ok(imported) => {
                site.taken.insert(imported.slug.clone());
                // The draft alone goes to standard output with --stdout; the summary then goes
                // to standard error, with the warnings.
                if args.stdout {
                    say!("{}", imported.text);
                    warn_user!("{}", import::summary(input, &imported, verbose));
                } else {
                    say!("{}", import::summary(input, &imported, verbose));
                }
                print_problems(&imported.warnings);
            }
            Err(why) => {
                warn_user!("error: {}: {why}", input.display());
                failed += 1;
            }
        }
    }
    if failed > 0 {
        ExitCode::from(EXIT_CONTENT)
    } else {
        ExitCode::SUCCESS
    }
}

fn serve(args: cli::ServeArgs) -> ExitCode {
    let build = BuildOptions { root: args.root, output: args.output, drafts: args.drafts, ..Default::default() };
    let options =
        regionreport::serve::ServeOptions { build, bind: args.bind, port: args.port, open: args.open, allow_hosts: args.allow_hosts };
    match regionreport::serve::serve(&options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            warn_user!("error: {error:#}");
            ExitCode::from(EXIT_OTHER)
        }
    }
}

fn schema(args: cli::SchemaArgs) -> ExitCode {
    let schemas: Vec<(&str, String)> = regionreport::schema::all()
        .into_iter()
        .filter(|(file, _)| args.name.as_ref().is_none_or(|n| file.strip_suffix(".schema.json") == Some(n)))
        .collect();
    if schemas.is_empty() {
        warn_user!("error: unknown schema; choose site, region or front-matter");
        return ExitCode::from(EXIT_OTHER);
    }
    for (file, text) in schemas {
        match &args.write {
            Some(dir) => {
                if let Err(e) = std::fs::create_dir_all(dir).and_then(|_| std::fs::write(dir.join(file), text)) {
                    warn_user!("error: cannot write {}: {e}", dir.join(file).display());
                    return ExitCode::from(EXIT_OTHER);
                }
            }
            None => regionreport::console::print(format_args!("{text}")),
        }
    }
    ExitCode::SUCCESS
}

fn check(args: cli::CheckArgs) -> ExitCode {
    let options = BuildOptions { root: args.root, output: args.output, base_url: args.base_url, drafts: args.drafts, ..Default::default() };
    let problems = match regionreport::site::check(&options) {
        Ok(problems) => problems,
        Err(BuildError::Content(problems)) => problems,
        Err(BuildError::Output(error)) => {
            warn_user!("error: {error:#}");
            return ExitCode::from(EXIT_OTHER);
        }
    };
    let counts = Counts::of(&problems);
    match args.format {
        cli::Format::Json => say!("{}", regionreport::diagnostics::to_json(&problems)),
        cli::Format::Text => {
            print_problems(&problems);
            if problems.is_empty() {
                say!("No problems found.");
            }
        }
    }
    if counts.errors > 0 || (args.strict && counts.warnings > 0) {
        ExitCode::from(EXIT_CONTENT)
    } else {
        ExitCode::SUCCESS
    }
}

fn build(args: cli::BuildArgs) -> ExitCode {
    let options = BuildOptions {
        root: args.root,
        output: args.output,
        base_url: args.base_url,
        drafts: args.drafts,
        full: args.full,
        force: args.force,
        strict: args.strict,
        progress: Some(Default::default()),
    };
    let progress = options.progress.clone().unwrap_or_default();
    match progress_line::while_running(&progress, || regionreport::build(&options)) {
        Ok(report) => {
            print_problems(&report.warnings);
            if report.up_to_date {
                say!(
                    "Up to date: {} pages, {} charts, {} data files, nothing changed since the last build ({} ms) → {}",
                    report.pages,
                    report.charts,
                    report.data_files,
                    report.elapsed.as_millis(),
                    options.output_dir().display()
                );
                return ExitCode::SUCCESS;
            }
            say!(
                "Built {} pages, {} charts, {} data files in {} ms ({} written, {} unchanged, {} removed) → {}",
                report.pages,
                report.charts,
                report.data_files,
                report.elapsed.as_millis(),
                report.written,
                report.unchanged,
                report.removed,
                options.output_dir().display()
            );
            ExitCode::SUCCESS
        }
        Err(BuildError::Content(problems)) => {
            print_problems(&problems);
            ExitCode::from(EXIT_CONTENT)
        }
        Err(BuildError::Output(error)) => {
            warn_user!("error: {error:#}");
            ExitCode::from(EXIT_OTHER)
        }
    }
}

/// Prints every problem with its snippet, then a count.
fn print_problems(problems: &[Diagnostic]) {
    if problems.is_empty() {
        return;
    }
    regionreport::console::print_error(format_args!("{}", regionreport::diagnostics::report(problems)));
}
