// Entry of the web app (a placeholder until the map lands).
import { createApp } from 'vue';
import App from './App.vue';

createApp(App).mount('#app');
