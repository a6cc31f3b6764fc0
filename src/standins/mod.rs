//! Stand-ins of the outside systems built-in modules talk to, written once:
//! the server serves them over HTTP (`souk-server smsc`, …), the offline
//! preview answers its calls with them in the browser. They follow the real
//! systems' wire formats and rules (`BUILTINS.md`), so the demo and the
//! tests run with no internet.

pub mod billmgr;
pub mod booking;
pub mod smsc;
