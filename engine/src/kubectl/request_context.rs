//! What every request of one kubectl run carries: who sends it (the
//! kubeconfig user, `--as`), its fieldValidation and its field manager.
//! `kubectl edit` keeps them while the host's editor is open, so the save
//! is sent as the run's first requests were.

use super::Env;
use crate::apiserver::auth::user::Requester;
use crate::apiserver::field_validation::FieldValidation;
use crate::apiserver::managed::FieldManager;
use crate::apiserver::ApiServer;

#[derive(Clone, Debug)]
pub struct RequestContext {
    pub requester: Requester,
    pub validation: FieldValidation,
    pub manager: Option<FieldManager>,
}

impl RequestContext {
    /// The context the server is serving requests in now.
    pub fn current(api: &ApiServer) -> RequestContext {
        RequestContext {
            requester: api.requester().clone(),
            validation: api.field_validation(),
            manager: api.field_manager().cloned(),
        }
    }

    /// Runs `f` as a client session in this context: warnings start afresh
    /// and are printed when it ends; the server's context is restored.
    pub fn run<T>(&self, env: &mut Env, f: impl FnOnce(&mut Env) -> T) -> T {
        env.world.api.clear_warnings();
        let before = RequestContext {
            requester: env.world.api.set_requester(self.requester.clone()),
            validation: env.world.api.set_field_validation(self.validation),
            manager: env.world.api.set_field_manager(self.manager.clone()),
        };
        let result = f(env);
        env.flush_warnings();
        env.world.api.set_field_manager(before.manager);
        env.world.api.set_field_validation(before.validation);
        env.world.api.set_requester(before.requester);
        result
    }
}
