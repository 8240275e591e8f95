//! Huawei Cloud request signing (`SDK-HMAC-SHA256`, `V11-HMAC-SHA256`).
