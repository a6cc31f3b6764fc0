//! Who is calling: the peer's address, or, when the peer is a proxy the
//! operator trusts (SOUK_TRUSTED_PROXIES), the address that proxy read. A
//! client cannot choose its address for the limits by sending its own
//! `X-Forwarded-For`.

use axum::http::HeaderMap;
use std::net::IpAddr;

/// The client's address: the nearest one in `X-Forwarded-For` that is not a
/// trusted proxy, when the request came through one; else the peer.
pub fn client_address(peer: IpAddr, headers: &HeaderMap, trusted: &[IpAddr]) -> IpAddr {
    if !trusted.contains(&peer) {
        return peer;
    }
    let forwarded = headers.get_all("x-forwarded-for").iter().filter_map(|value| value.to_str().ok());
    let hops: Vec<&str> = forwarded.flat_map(|value| value.split(',')).map(str::trim).collect();
    for hop in hops.into_iter().rev() {
        match hop.parse::<IpAddr>() {
            Ok(address) if trusted.contains(&address) => continue,
            Ok(address) => return address,
            // A hop a proxy did not write: nothing before it can be believed.
            Err(_) => return peer,
        }
    }
    peer
}

/// SOUK_TRUSTED_PROXIES: addresses separated by commas.
pub fn parse_trusted(list: &str) -> Result<Vec<IpAddr>, String> {
    list.split(',')
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(|item| item.parse().map_err(|_| format!("SOUK_TRUSTED_PROXIES: {item:?} is not an IP address")))
        .collect()
}
