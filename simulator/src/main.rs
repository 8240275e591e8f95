//! `vpcep-sim --listen 127.0.0.1:PORT [--tenants FILE] [--state FILE] [--region R]
//! [--lifecycle-delay-ms N] [--tls [--cert-out FILE]]`: runs the simulator until interrupted.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use vpcep_sim::{Simulator, load_tenants};

const USAGE: &str = "usage: vpcep-sim [--listen ADDR] [--tenants FILE] [--state FILE] [--region REGION] [--lifecycle-delay-ms N] [--tls [--cert-out FILE]]";

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
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value\n{USAGE}"));
        builder = match flag.as_str() {
            "--listen" => builder
                .listen(value()?.parse::<SocketAddr>().map_err(|e| format!("--listen: {e}"))?),
            "--state" => builder.state_file(PathBuf::from(value()?)),
            "--region" => builder.region(value()?),
            "--tls" => builder.tls(true),
            "--cert-out" => {
                cert_out = Some(PathBuf::from(value()?));
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
    println!("vpcep-sim listening on {}", sim.url());
    for tenant in sim.tenants() {
        println!(
            "tenant {}: domain {} project {} ak {}",
            tenant.name, tenant.domain_id, tenant.project_id, tenant.access_key
        );
    }
    tokio::signal::ctrl_c().await.map_err(|e| e.to_string())?;
    sim.shutdown().await;
    Ok(())
}
