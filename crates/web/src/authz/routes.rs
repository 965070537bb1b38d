//! Page routes registered together with their access rule, so that a route cannot exist
//! without one: the builder is the only way pages are added to the router.

use std::collections::BTreeMap;

use axum::Router;
use axum::handler::Handler;
use axum::http::Method;
use axum::routing::{MethodFilter, MethodRouter, on};

use super::{Access, RouteTable};
use crate::AppState;

/// Collects page routes and their rules.
#[derive(Default)]
pub struct PageRoutes {
    methods: BTreeMap<&'static str, MethodRouter<AppState>>,
    table: RouteTable,
}

impl PageRoutes {
    /// A `GET` route with its rule.
    pub fn get<H, T>(self, path: &'static str, access: Access, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.add(Method::GET, MethodFilter::GET, path, access, handler)
    }

    /// A `POST` route with its rule.
    pub fn post<H, T>(self, path: &'static str, access: Access, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.add(Method::POST, MethodFilter::POST, path, access, handler)
    }

    fn add<H, T>(
        mut self,
        method: Method,
        filter: MethodFilter,
        path: &'static str,
        access: Access,
        handler: H,
    ) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.table.insert(method, path, access);
        let route = match self.methods.remove(path) {
            Some(existing) => existing.on(filter, handler),
            None => on(filter, handler),
        };
        self.methods.insert(path, route);
        self
    }

    /// The router and the table of rules.
    pub fn build(self) -> (Router<AppState>, RouteTable) {
        let mut router = Router::new();
        for (path, route) in self.methods {
            router = router.route(path, route);
        }
        (router, self.table)
    }
}
