//! Clouds that run the VPCEP API: Huawei Cloud itself, and Open Telekom Cloud, which T-Systems
//! runs on the same platform with its own regions and an older operation set.

use std::fmt;
use std::str::FromStr;

/// Which cloud the simulator plays. The region decides which operations are offered (from
/// `specs/vpcep`); the cloud decides which regions exist and which one is the default.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Cloud {
    /// Huawei Cloud: any region id (`cn-north-4` by default), at `vpcep.{region}.myhuaweicloud.com`.
    #[default]
    HuaweiCloud,
    /// Open Telekom Cloud: `eu-de` (default) and `eu-nl`, at `vpcep.{region}.otc.t-systems.com`,
    /// with the same AK/SK signing. Its API reference (opentelekomcloud-docs/vpc-endpoint,
    /// `api-ref/source/apis`) lists 21 operations, the same set as Huawei Cloud's Paris region;
    /// specs/vpcep records that under `eu-de` and `eu-nl`.
    OpenTelekomCloud,
}

/// Open Telekom Cloud's public regions.
const OTC_REGIONS: &[&str] = &["eu-de", "eu-nl"];

impl Cloud {
    /// The name `--cloud` takes: `huaweicloud` or `otc`.
    pub fn name(self) -> &'static str {
        match self {
            Self::HuaweiCloud => "huaweicloud",
            Self::OpenTelekomCloud => "otc",
        }
    }

    /// The region used when none is given.
    pub fn default_region(self) -> &'static str {
        match self {
            Self::HuaweiCloud => "cn-north-4",
            Self::OpenTelekomCloud => OTC_REGIONS[0],
        }
    }

    /// The cloud's regions, when it has a fixed list (Huawei Cloud adds regions too often for
    /// one: any id that is not another cloud's is accepted there).
    pub fn regions(self) -> Option<&'static [&'static str]> {
        match self {
            Self::HuaweiCloud => None,
            Self::OpenTelekomCloud => Some(OTC_REGIONS),
        }
    }

    /// The public VPCEP host of `region` on this cloud, for documentation and announcements.
    pub fn host(self, region: &str) -> String {
        match self {
            Self::HuaweiCloud if region == "eu-west-101" => {
                format!("vpcep.{region}.myhuaweicloud.eu")
            }
            Self::HuaweiCloud => format!("vpcep.{region}.myhuaweicloud.com"),
            Self::OpenTelekomCloud => format!("vpcep.{region}.otc.t-systems.com"),
        }
    }

    /// Whether this cloud has `region`; the error says which cloud does.
    pub fn check_region(self, region: &str) -> Result<(), String> {
        match (self, self.regions()) {
            (_, Some(regions)) if !regions.contains(&region) => Err(format!(
                "{} has no region `{region}`; its regions are {}",
                self,
                regions.join(", ")
            )),
            (Self::HuaweiCloud, _) if OTC_REGIONS.contains(&region) => Err(format!(
                "`{region}` is an Open Telekom Cloud region: choose that cloud (`--cloud otc`)"
            )),
            _ => Ok(()),
        }
    }
}

impl fmt::Display for Cloud {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::HuaweiCloud => "Huawei Cloud",
            Self::OpenTelekomCloud => "Open Telekom Cloud",
        })
    }
}

impl FromStr for Cloud {
    type Err = String;

    fn from_str(name: &str) -> Result<Self, String> {
        match name.to_ascii_lowercase().as_str() {
            "huaweicloud" | "huawei" => Ok(Self::HuaweiCloud),
            "otc" | "opentelekomcloud" => Ok(Self::OpenTelekomCloud),
            other => Err(format!("unknown cloud `{other}`; expected huaweicloud or otc")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_belong_to_their_cloud() {
        assert!(Cloud::OpenTelekomCloud.check_region("eu-nl").is_ok());
        let wrong = Cloud::OpenTelekomCloud.check_region("cn-north-4").unwrap_err();
        assert!(wrong.contains("eu-de, eu-nl"), "{wrong}");
        assert!(Cloud::HuaweiCloud.check_region("xx-new-9").is_ok());
        let otc = Cloud::HuaweiCloud.check_region("eu-de").unwrap_err();
        assert!(otc.contains("--cloud otc"), "{otc}");
    }

    #[test]
    fn names_parse_back() {
        for cloud in [Cloud::HuaweiCloud, Cloud::OpenTelekomCloud] {
            assert_eq!(cloud.name().parse::<Cloud>(), Ok(cloud));
        }
        assert!("aws".parse::<Cloud>().is_err());
        assert_eq!(Cloud::OpenTelekomCloud.host("eu-nl"), "vpcep.eu-nl.otc.t-systems.com");
    }
}
