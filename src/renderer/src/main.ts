import { mount } from 'svelte'
import App from './App.svelte'
import { connectApi } from './transport/api'
import './styles/app.css'

const target = document.getElementById('app')
if (!target) throw new Error('index.html has no #app element')

/** The running app; the api is chosen here, once, and handed down. */
export const app = mount(App, { target, props: { api: connectApi() } })
