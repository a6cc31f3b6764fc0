//! The native tests, one binary: the domain's rules, the server over real
//! HTTP on SQLite and PostgreSQL, and the offline preview's use cases on the
//! in-memory store.

mod common;
mod fixtures;

mod demo_data;
mod domain_application;
mod domain_billing;
mod domain_booking;
mod domain_catalog;
mod domain_logo;
mod domain_module_api;
mod domain_reseller;
mod domain_reviews;
mod domain_search;
mod domain_sms;
mod domain_submission;
mod domain_values;
mod form_state;
mod migrations;
mod preview;
mod second_factor;
mod server_applications;
mod server_billing;
mod server_booking;
mod server_callbacks;
mod server_deployment;
mod server_http;
mod server_module_api;
mod server_partner;
mod server_parts;
mod server_payments;
mod server_reseller;
mod server_reviews;
mod server_search_terms;
mod server_simple_connection;
mod server_sms;
mod sessions;
