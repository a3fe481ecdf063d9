# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Development tools shared by the tests, the benches and `./dev wiki`; never used by the site or the sync.

- `sandbox`: a throw-away local MediaWiki seeded like Movilab (`./dev wiki`);
- `wikiproxy`: a counting, fault-injecting HTTP proxy in front of it.
"""
