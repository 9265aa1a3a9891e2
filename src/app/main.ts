import { mount } from 'svelte';
import App from './App.svelte';
import { startApp } from './store.svelte';

startApp();
mount(App, { target: document.getElementById('app')! });
