"""RetailCRM's official Python client (retailcrm 5.3.0 from PyPI), unchanged,
against a Souk server: the calls a module's backend makes with its key.

    retailcrm_client.py <server URL> <API key> <connection code> <module code>

Prints one JSON line per call (its name, status and answer); the Rust test
that runs it checks them.
"""

import json
import sys

import retailcrm


def report(name, response):
    print(json.dumps({"call": name, "status": response.get_status_code(), "body": response.get_response()}))


def main():
    url, key, code, module = sys.argv[1:5]
    client = retailcrm.v5(url, key)
    report("api_versions", client.api_versions())
    report("api_credentials", client.api_credentials())
    configuration = {
        "code": code,
        "integrationCode": module,
        "active": True,
        "name": "Chatterbox (Python)",
        "clientId": "client-42",
        "baseUrl": "https://module.example",
        "accountUrl": "https://module.example/settings",
        "actions": {"activity": "/actions/activity"},
        "integrations": {"mgTransport": {"webhookUrl": "https://module.example/webhook"}},
    }
    report("integration_module_edit", client.integration_module_edit(configuration))
    report("integration_module", client.integration_module(code))
    requires = {"scopes": ["integration_read", "integration_write", "order_read"]}
    report("integration_module_update_scopes", client.integration_module_update_scopes(code, requires))


if __name__ == "__main__":
    main()
