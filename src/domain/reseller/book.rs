//! Everything one reseller connection keeps: its data centres, handlers,
//! imported plans and the services ordered on them (stored as the
//! connection's settings; the handlers' passwords are sealed apart).

use super::handler::Handler;
use super::plan::Plan;
use super::service::{Service, ServiceStatus};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DataCentre {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResellerBook {
    pub data_centres: Vec<DataCentre>,
    pub handlers: Vec<Handler>,
    pub plans: Vec<Plan>,
    pub services: Vec<Service>,
}

impl ResellerBook {
    pub fn handler(&self, id: &str) -> Option<&Handler> {
        self.handlers.iter().find(|handler| handler.id == id)
    }

    pub fn plan(&self, id: &str) -> Option<&Plan> {
        self.plans.iter().find(|plan| plan.id == id)
    }

    pub fn data_centre_ids(&self) -> Vec<String> {
        self.data_centres.iter().map(|centre| centre.id.clone()).collect()
    }

    /// What keeps handler `id` from being deleted: the enabled plans no other
    /// handler serves, and how many of its services are not deleted.
    pub fn holding(&self, id: &str) -> (Vec<String>, usize) {
        let others: Vec<&Handler> = self.handlers.iter().filter(|handler| handler.id != id).collect();
        let plans = match self.handler(id) {
            Some(handler) => self
                .plans
                .iter()
                .filter(|plan| plan.enabled && handler.serves(plan) && !others.iter().any(|other| other.serves(plan)))
                .map(|plan| plan.name.clone())
                .collect(),
            None => Vec::new(),
        };
        let services = self
            .services
            .iter()
            .filter(|service| service.handler == id && service.status != ServiceStatus::Deleted)
            .count();
        (plans, services)
    }
}
