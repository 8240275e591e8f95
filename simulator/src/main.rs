//! `vpcep-sim --listen 127.0.0.1:PORT [--tenants FILE] [--state FILE] [--cloud huaweicloud|otc]
//! [--region R] [--lifecycle-delay-ms N] [--tls [--cert-out FILE]] [--tokens-out FILE]`: runs the
//! simulator until interrupted (SIGINT or SIGTERM).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use vpcep_sim::{Simulator, load_tenants};

const USAGE: &str = "usage: vpcep-sim [--listen ADDR] [--tenants FILE] [--state FILE] [--cloud huaweicloud|otc] [--region REGION] [--lifecycle-delay-ms N] [--tls [--cert-out FILE]] [--tokens-out FILE]";

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("vpcep-sim: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), String> {
    let mut builder = Simulator::builder();
    let mut cert_out = None;
    let mut tokens_out = None;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value\n{USAGE}"));
        builder = match flag.as_str() {
            "--listen" => builder
                .listen(value()?.parse::<SocketAddr>().map_err(|e| format!("--listen: {e}"))?),
            "--state" => builder.state_file(PathBuf::from(value()?)),
            "--region" => builder.region(value()?),
            "--cloud" => builder.cloud(value()?.parse().map_err(|e| format!("--cloud: {e}"))?),
            "--tls" => builder.tls(true),
            "--cert-out" => {
                cert_out = Some(PathBuf::from(value()?));
                builder
            }
            "--tokens-out" => {
                tokens_out = Some(PathBuf::from(value()?));
                builder
            }
            "--lifecycle-delay-ms" => {
                let ms =
                    value()?.parse::<u64>().map_err(|e| format!("--lifecycle-delay-ms: {e}"))?;
                builder.lifecycle_delay(Duration::from_millis(ms))
            }
            "--tenants" => {
                let tenants = load_tenants(&PathBuf::from(value()?))?;
                tenants.into_iter().fold(builder, |b, tenant| b.tenant(tenant))
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            other => return Err(format!("unknown argument {other}\n{USAGE}")),
        };
    }
    let sim = builder.start().await.map_err(|e| format!("cannot start: {e}"))?;
    if let (Some(path), Some(pem)) = (&cert_out, sim.certificate_pem()) {
        std::fs::write(path, pem).map_err(|e| format!("--cert-out {}: {e}", path.display()))?;
    }
    if let Some(path) = &tokens_out {
        write_tokens(&sim, path)?;
    }
    announce(&sim);
    stop_signal().await?;
    sim.shutdown().await;
    Ok(())
}

/// Prints where the simulator listens and who its tenants are (never their secrets). Output
/// errors are ignored: whoever started us may have stopped reading, and that must not stop the
/// server.
fn announce(sim: &vpcep_sim::RunningSimulator) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "vpcep-sim listening on {}", sim.url());
    let _ = writeln!(
        out,
        "{} region {} (as {}): {} operations",
        sim.cloud(),
        sim.region(),
        sim.cloud().host(sim.region()),
        sim.operations().len()
    );
    for tenant in sim.tenants() {
        let _ = writeln!(
            out,
            "tenant {}: domain {} project {} ak {}",
            tenant.name, tenant.domain_id, tenant.project_id, tenant.access_key
        );
    }
    let _ = out.flush();
}

/// Issues one `X-Auth-Token` per tenant and writes them as `{"tenant name": "token"}`; a file,
/// not stdout, because tokens are secrets.
fn write_tokens(sim: &vpcep_sim::RunningSimulator, path: &std::path::Path) -> Result<(), String> {
    let tokens = sim
        .tenants()
        .iter()
        .map(|t| Ok((t.name.as_str(), sim.issue_token(t)?)))
        .collect::<std::io::Result<std::collections::BTreeMap<&str, String>>>()
        .map_err(|e| format!("cannot save the issued tokens: {e}"))?;
    let text = serde_json::to_string_pretty(&tokens).map_err(|e| e.to_string())?;
    std::fs::write(path, text).map_err(|e| format!("--tokens-out {}: {e}", path.display()))
}

/// Waits for Ctrl-C or, on Unix, SIGTERM (what `kill` and process supervisors send).
async fn stop_signal() -> Result<(), String> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let mut term = signal(SignalKind::terminate()).map_err(|e| e.to_string())?;
        tokio::select! {
            result = tokio::signal::ctrl_c() => result.map_err(|e| e.to_string()),
            _ = term.recv() => Ok(()),
        }
    }
    #[cfg(not(unix))]
    {
        tokio::signal::ctrl_c().await.map_err(|e| e.to_string())
    }
}
