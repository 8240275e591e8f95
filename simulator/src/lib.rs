//! vpcep-sim: a local VPCEP-compatible server.
