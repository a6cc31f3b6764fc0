//! The calls a reseller makes on the selling billing: `POST {url}/billmgr`
//! of form fields, the user name and password in `authinfo` in the body so
//! they land in no address a proxy or a log keeps.

use super::ProductType;
use crate::domain::builtin::masked;

/// A handler's way in: the selling billing's address, user name and password.
#[derive(Clone, PartialEq, Eq)]
pub struct SignIn {
    pub url: String,
    pub user: String,
    pub password: String,
}

impl std::fmt::Debug for SignIn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SignIn({} at {}, …)", self.user, self.url)
    }
}

/// The path every call goes to.
pub const PATH: &str = "/billmgr";

/// One function called on the selling billing, answered in JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BillRequest {
    pub fields: Vec<(&'static str, String)>,
}

impl BillRequest {
    fn new(sign_in: &SignIn, func: String) -> BillRequest {
        let fields = vec![
            ("func", func),
            ("out", "json".into()),
            ("authinfo", format!("{}:{}", sign_in.user, sign_in.password)),
        ];
        BillRequest { fields }
    }

    fn with(mut self, name: &'static str, value: impl Into<String>) -> BillRequest {
        self.fields.push((name, value.into()));
        self
    }

    /// The test call: who the account is, its level and balance.
    pub fn whoami(sign_in: &SignIn) -> BillRequest {
        BillRequest::new(sign_in, "whoami".into())
    }

    /// The plans of `product` the account may order.
    pub fn pricelist(sign_in: &SignIn, product: ProductType) -> BillRequest {
        BillRequest::new(sign_in, "pricelist.export".into())
            .with("itemtype", product.intname())
            .with("onlyavailable", "on")
    }

    /// Orders plan `remote_plan` for `months`, named by our service id.
    pub fn order(sign_in: &SignIn, product: ProductType, remote_plan: &str, months: u32, our_id: &str) -> BillRequest {
        BillRequest::new(sign_in, format!("{}.order.param", product.intname()))
            .with("sok", "ok")
            .with("pricelist", remote_plan)
            .with("period", months.to_string())
            .with("skipbasket", "on")
            .with("clicked_button", "finish")
            .with("remoteid", our_id)
    }

    pub fn prolong(sign_in: &SignIn, remote_service: &str, months: u32) -> BillRequest {
        BillRequest::new(sign_in, "service.prolong".into())
            .with("elid", remote_service)
            .with("period", months.to_string())
            .with("sok", "ok")
    }

    /// `suspend`, `resume` or `delete` of a service.
    pub fn lifecycle(sign_in: &SignIn, product: ProductType, verb: &str, remote_service: &str) -> BillRequest {
        BillRequest::new(sign_in, format!("{}.{verb}", product.intname()))
            .with("elid", remote_service)
            .with("sok", "ok")
    }

    /// The function called, as the log names the call.
    pub fn func(&self) -> &str {
        self.fields.first().map_or("", |(_, func)| func.as_str())
    }

    /// The fields as a log shows them: `authinfo` masked.
    pub fn masked(&self) -> String {
        masked(self.fields.iter().map(|(name, value)| (*name, value.as_str())))
    }
}
